package io.logpro.iceberg;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;
import io.logpro.api.sink.Sink;
import io.logpro.api.sink.SinkContext;
import io.logpro.api.sink.Transactional;
import io.logpro.iceberg.maintenance.BackgroundMaintenance;
import io.logpro.iceberg.maintenance.MaintenanceSettings;
import io.logpro.iceberg.parquet.ArrowParquetWriter;
import io.logpro.iceberg.parquet.ParquetSettings;
import io.logpro.iceberg.parquet.PageMemory;
import io.logpro.iceberg.parquet.RollingWriter;
import io.logpro.iceberg.schema.ArrowSchemas;
import io.logpro.iceberg.schema.SchemaPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Lands batches in an Iceberg table: Parquet data files per partition, one atomic FastAppend per
 * {@link #commit} whose snapshot summary carries the source positions, so data and positions
 * become visible together. {@link #committed()} reads them back from the snapshot history.
 *
 * <p>Each batch is first fitted to the table by its {@code schema_evolution} policy
 * ({@link SchemaEvolver}); an optional {@code maintenance:} block runs compaction, snapshot
 * expiry and orphan removal on a thread of their own ({@link BackgroundMaintenance}).
 */
public final class IcebergSink implements Sink, Transactional {
  public static final String PIPELINE = "logpro.pipeline";
  public static final String SINK = "logpro.sink";
  public static final String CHECKPOINT = "logpro.checkpoint";
  public static final String COMMIT_ID = "logpro.commit-id";
  static final int COMMIT_ATTEMPTS = 8;
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IcebergSink.class);

  /** Everything the sink is configured with. */
  public record Options(
      IcebergCatalogs.Settings catalog,
      String table,
      List<PartitionSpecs.Field> partitionBy,
      ParquetSettings parquet,
      Map<String, String> tableProperties,
      int maxOpenFiles,
      SchemaPolicy schemaEvolution,
      MaintenanceSettings maintenance,
      io.logpro.api.RetryPolicy commitRetry) {
    public Options {
      if (schemaEvolution == null) schemaEvolution = SchemaPolicy.PERMISSIVE;
      if (maintenance == null) maintenance = MaintenanceSettings.NONE;
      if (commitRetry == null) commitRetry = io.logpro.api.RetryPolicy.DEFAULT;
    }

    public Options(IcebergCatalogs.Settings catalog, String table, List<PartitionSpecs.Field> partitionBy, ParquetSettings parquet,
        Map<String, String> tableProperties, int maxOpenFiles, SchemaPolicy schemaEvolution, MaintenanceSettings maintenance) {
      this(catalog, table, partitionBy, parquet, tableProperties, maxOpenFiles, schemaEvolution, maintenance, null);
    }

    /** Permissive schema evolution, no background maintenance. */
    public Options(IcebergCatalogs.Settings catalog, String table, List<PartitionSpecs.Field> partitionBy, ParquetSettings parquet,
        Map<String, String> tableProperties, int maxOpenFiles) {
      this(catalog, table, partitionBy, parquet, tableProperties, maxOpenFiles, SchemaPolicy.PERMISSIVE, MaintenanceSettings.NONE);
    }
  }

  private final Options options;
  private final TableIdentifier tableId;
  private final String fileRunId = UUID.randomUUID().toString();
  private final AtomicInteger fileCounter = new AtomicInteger();
  private Catalog catalog;
  private PipelineContext context;
  private Table table;
  private Checkpoint committed = Checkpoint.empty();
  private boolean committedLoaded;
  /** Open writers by partition, least recently written first (access order), so the eldest is closed to make room. */
  private final Map<StructLike, RollingWriter> writers = new LinkedHashMap<>(16, 0.75f, true);
  /** Files of writers closed early to bound memory (max_open_files); they go into the next commit. */
  private final List<DataFile> closedFiles = new ArrayList<>();
  private RollingWriter unpartitioned;
  private PartitionGrouper grouper; // null when the spec needs the per-row path
  private boolean grouperChecked;
  /** The table schema the open writers write; a schema change finishes them and starts new files. */
  private int writerSchemaId = -1;
  private SchemaEvolver evolver;
  private BackgroundMaintenance maintenance;

  public IcebergSink(Options options) {
    this.options = options;
    this.tableId = IcebergCatalogs.tableId(options.table());
  }

  @Override
  public void open(PipelineContext context) {
    this.context = context;
    this.catalog = IcebergCatalogs.open(options.catalog());
    this.evolver = new SchemaEvolver(options.schemaEvolution(), options.table(), SinkContext.of(context));
    try {
      this.table = catalog.loadTable(tableId);
    } catch (NoSuchTableException e) {
      this.table = null; // created from the first batch's schema
    }
    if (options.maintenance().enabled()) {
      maintenance = BackgroundMaintenance.start(options.catalog(), options.table(), options.maintenance());
    }
  }

  public Table table() {
    return table;
  }

  public Options options() {
    return options;
  }

  /** Columns added and columns widened by this sink since it opened (schema_evolution). */
  public long schemaChanges() {
    return evolver == null ? 0 : evolver.schemaChanges();
  }

  /** The background maintenance of this sink, or null when its config has no {@code maintenance:} block. */
  public BackgroundMaintenance maintenance() {
    return maintenance;
  }

  @Override
  public void write(Batch batch) {
    if (batch.root().getRowCount() == 0) return;
    if (table == null) table = createTable(batch.root().getSchema());
    try (SchemaEvolver.Prepared prepared = evolver.prepare(batch, table)) {
      VectorSchemaRoot root = prepared.root();
      if (root == null) return; // every row went to the dead-letter output
      try {
        if (table.schema().schemaId() != writerSchemaId) startNewFiles();
        PartitionSpec spec = table.spec();
        if (spec.isUnpartitioned()) {
          if (unpartitioned == null) unpartitioned = newWriter(null);
          unpartitioned.write(root, null, root.getRowCount());
        } else {
          writePartitioned(root, spec);
        }
      } catch (RuntimeException e) {
        abortWriters(); // a failed write leaves no orphan files; the engine restarts from the last commit
        throw e;
      }
    }
  }

  /**
   * The table's schema changed (this sink evolved it, or another writer did): the open files
   * keep the schema they were started with (their field ids stay readable under the new one)
   * and go into the next commit; rows from now on go to new files of the new schema.
   */
  private void startNewFiles() {
    if (unpartitioned != null) {
      for (var w : unpartitioned.finish()) closedFiles.add(dataFile(w, null));
      unpartitioned = null;
    }
    for (var e : writers.entrySet()) {
      for (var w : e.getValue().finish()) closedFiles.add(dataFile(w, e.getKey()));
    }
    writers.clear();
    grouper = null;
    grouperChecked = false;
    writerSchemaId = table.schema().schemaId();
  }

  /** Groups the batch's rows by partition key, then appends each group to its partition's file. */
  private void writePartitioned(VectorSchemaRoot root, PartitionSpec spec) {
    if (!grouperChecked) {
      grouper = PartitionGrouper.of(spec, table.schema());
      grouperChecked = true;
    }
    PartitionGrouper.Groups groups = grouper == null ? null : grouper.group(root);
    if (groups == null) {
      writePartitionedByRow(root, spec);
      return;
    }
    for (int g = 0; g < groups.count(); g++) {
      RollingWriter w = writers.get(groups.keys()[g]);
      if (w == null) {
        PartitionKey key = groups.keys()[g];
        makeRoom();
        w = newWriter(key);
        writers.put(key, w);
      }
      w.write(root, groups.order(), groups.starts()[g], groups.starts()[g + 1]);
    }
  }

  /** The general path, for transforms {@link PartitionGrouper} does not compute column-wise: a PartitionKey per row. */
  private void writePartitionedByRow(VectorSchemaRoot root, PartitionSpec spec) {
    Schema schema = table.schema();
    PartitionKey key = new PartitionKey(spec, schema);
    ArrowRow row = new ArrowRow(schema, root);
    Map<PartitionKey, Rows> groups = new LinkedHashMap<>();
    PartitionKey lastKey = null;
    Rows last = null;
    int n = root.getRowCount();
    for (int i = 0; i < n; i++) {
      key.partition(row.at(i));
      if (lastKey == null || !lastKey.equals(key)) {
        last = groups.get(key);
        if (last == null) {
          last = new Rows();
          groups.put(key.copy(), last);
        }
        lastKey = key.copy(); // copied only when the partition changes from one row to the next
      }
      last.add(i);
    }
    for (var e : groups.entrySet()) {
      if (!writers.containsKey(e.getKey())) makeRoom();
      RollingWriter w = writers.computeIfAbsent(e.getKey(), this::newWriter);
      w.write(root, e.getValue().rows, e.getValue().size);
    }
  }

  /**
   * Every open partition file buffers a row group in memory: with many partitions in one commit
   * (a day partition over a year of random data) that would exhaust the heap. Beyond
   * max_open_files the least recently written file is finished now and committed with the rest.
   */
  private void makeRoom() {
    while (writers.size() >= options.maxOpenFiles()) {
      var it = writers.entrySet().iterator();
      var eldest = it.next();
      for (var w : eldest.getValue().finish()) closedFiles.add(dataFile(w, eldest.getKey()));
      it.remove();
    }
  }

  /** A growable int array of row indexes. */
  private static final class Rows {
    int[] rows = new int[64];
    int size;

    void add(int r) {
      if (size == rows.length) rows = Arrays.copyOf(rows, size * 2);
      rows[size++] = r;
    }
  }

  private RollingWriter newWriter(StructLike partition) {
    PartitionSpec spec = table.spec();
    return new RollingWriter(
        () -> {
          String name = String.format("%s-%05d.parquet", fileRunId, fileCounter.incrementAndGet());
          String location = partition == null
              ? table.locationProvider().newDataLocation(name)
              : table.locationProvider().newDataLocation(spec, partition, name);
          return table.io().newOutputFile(location);
        },
        table.io(), table.schema(), options.parquet(), MetricsConfig.forTable(table), table.properties(), context.allocator());
  }

  private Table createTable(org.apache.arrow.vector.types.pojo.Schema arrow) {
    Schema schema = ArrowSchemas.toIceberg(arrow);
    PartitionSpec spec = PartitionSpecs.toSpec(schema, options.partitionBy());
    if (catalog instanceof SupportsNamespaces ns && !tableId.namespace().isEmpty() && !ns.namespaceExists(tableId.namespace())) {
      try {
        ns.createNamespace(tableId.namespace());
      } catch (RuntimeException e) {
        // Another sink or instance created it first. On SQLite the loser of that race gets a
        // constraint violation rather than AlreadyExistsException: whatever it is, look again.
        if (!ns.namespaceExists(tableId.namespace())) throw e;
      }
    }
    Map<String, String> props = new HashMap<>(options.parquet().toProperties());
    props.put(TableProperties.FORMAT_VERSION, "2");
    props.put(TableProperties.COMMIT_NUM_RETRIES, "20");
    props.put(TableProperties.COMMIT_MIN_RETRY_WAIT_MS, "20");
    props.put(TableProperties.COMMIT_MAX_RETRY_WAIT_MS, "2000");
    // A commit every few seconds writes a metadata file each time: keep the last 100
    // (write.metadata.previous-versions-max), not all of them, as snapshot expiry cannot remove them.
    props.put(TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true");
    props.putAll(options.tableProperties());
    try {
      return catalog.buildTable(tableId, schema).withPartitionSpec(spec).withProperties(props).create();
    } catch (RuntimeException e) {
      // created meanwhile by another writer (AlreadyExistsException, or a constraint violation on SQLite)
      if (catalog.tableExists(tableId)) return catalog.loadTable(tableId);
      throw e;
    }
  }

  @Override
  public boolean wantsCommit() {
    if (PageMemory.isTight(context.allocator()) && !allWriters().isEmpty()) return true; // a commit frees the open files' pages
    long bytes = 0;
    if (!closedFiles.isEmpty() && closedFiles.size() >= options.maxOpenFiles()) return true;
    for (RollingWriter w : allWriters()) {
      if (w.hasRolled()) return true;
      bytes += w.length();
    }
    return bytes >= options.parquet().targetFileSize();
  }

  private List<RollingWriter> allWriters() {
    List<RollingWriter> all = new ArrayList<>(writers.values());
    if (unpartitioned != null) all.add(unpartitioned);
    return all;
  }

  @Override
  public void commit(Checkpoint checkpoint) {
    Checkpoint base = committedLoaded ? committed : committed();
    List<DataFile> files = new ArrayList<>(closedFiles);
    closedFiles.clear();
    try {
      if (unpartitioned != null) {
        for (var w : unpartitioned.finish()) files.add(dataFile(w, null));
      }
      for (var e : writers.entrySet()) {
        for (var w : e.getValue().finish()) files.add(dataFile(w, e.getKey()));
      }
    } catch (RuntimeException e) {
      abortWriters();
      deleteAll(files);
      throw e;
    }
    writers.clear();
    unpartitioned = null;
    Checkpoint toStore = base.merge(checkpoint);
    if (files.isEmpty() && (table == null || base.equals(toStore))) return; // nothing new to say
    if (table == null) {
      throw new IllegalStateException("table " + tableId + " does not exist and no batch was written to create it");
    }
    appendWithRetry(files, toStore);
    committed = toStore;
  }

  private DataFile dataFile(ArrowParquetWriter.Written w, StructLike partition) {
    DataFiles.Builder b = DataFiles.builder(table.spec())
        .withPath(w.location())
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(w.sizeInBytes())
        .withMetrics(w.metrics())
        .withSplitOffsets(w.splitOffsets());
    if (partition != null) b.withPartition(partition);
    return b.build();
  }

  /**
   * One FastAppend of {@code files}. Iceberg retries conflicts itself (commit.retry.*); when it
   * gives up, or the catalog cannot be reached (its database restarting), this retries with the
   * sink's retry policy on a refreshed table, so an outage pauses the pipeline instead of failing
   * it. A commit whose outcome is unknown is looked for by its id before the next attempt, so
   * files are never added twice.
   */
  private void appendWithRetry(List<DataFile> files, Checkpoint toStore) {
    String commitId = UUID.randomUUID().toString();
    io.logpro.api.RetryPolicy retry = options.commitRetry();
    RuntimeException last = null;
    boolean unknown = false;
    for (int attempt = 1; ; attempt++) {
      try {
        if (unknown && landed(commitId)) return;
        unknown = false;
        if (attempt > 1) table.refresh();
        AppendFiles append = table.newFastAppend();
        for (DataFile f : files) append.appendFile(f);
        append.set(PIPELINE, context.pipelineName())
            .set(SINK, context.componentName())
            .set(CHECKPOINT, toStore.toJson())
            .set(COMMIT_ID, commitId)
            .commit();
        return;
      } catch (CommitFailedException e) {
        last = e; // a conflict: surely not committed
      } catch (RuntimeException e) {
        if (!isTransient(e)) throw e;
        last = e; // the catalog may or may not have taken the commit: look for it before trying again
        unknown = true;
      }
      if (attempt >= Math.max(retry.maxAttempts(), COMMIT_ATTEMPTS)) break;
      java.time.Duration delay = last instanceof CommitFailedException
          ? java.time.Duration.ofMillis(Math.min(2000, (50L << Math.min(attempt, 10))) + ThreadLocalRandom.current().nextLong(50))
          : retry.delayAfter(attempt);
      if (!(last instanceof CommitFailedException)) {
        log.warn("iceberg sink {}: commit to {} failed ({}), attempt {}, retrying in {} ms", context.componentName(), tableId,
            rootMessage(last), attempt, delay.toMillis());
      }
      IcebergCatalogs.sleep(delay.toMillis());
    }
    if (last instanceof CommitFailedException) deleteAll(files); // surely not committed: the files are orphans
    throw last;
  }

  /** Catalog trouble worth waiting for: an unknown commit state, a lost or refused database connection, I/O. */
  static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CommitStateUnknownException || t instanceof org.apache.iceberg.jdbc.UncheckedSQLException
          || t instanceof java.sql.SQLException || t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException
          || t instanceof org.apache.iceberg.exceptions.ServiceUnavailableException) {
        return true;
      }
      if (t.getCause() == t) break;
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  private boolean landed(String commitId) {
    table.refresh();
    Snapshot s = table.currentSnapshot();
    if (s == null) return false;
    for (Snapshot a : SnapshotUtil.ancestorsOf(s.snapshotId(), table::snapshot)) {
      if (commitId.equals(a.summary().get(COMMIT_ID))) return true;
    }
    return false;
  }

  private void deleteAll(List<DataFile> files) {
    for (DataFile f : files) {
      try {
        table.io().deleteFile(f.location());
      } catch (RuntimeException ignored) {
        // best effort: nothing references the file
      }
    }
  }

  /** The merged positions of every snapshot this pipeline's sink committed, or empty. */
  @Override
  public Checkpoint committed() {
    // Always read from the catalog, never from what this instance remembers: on a partition
    // assignment the engine asks again, and the positions other instances committed for the
    // partition (scale-out) must win, or rows they already wrote would be written twice.
    if (table == null) {
      try {
        table = catalog.loadTable(tableId);
      } catch (NoSuchTableException e) {
        return Checkpoint.empty();
      }
    }
    table.refresh();
    Checkpoint merged = Checkpoint.empty();
    // SnapshotLineage walks across snapshots removed by expiry, which keeps this pair's latest one.
    for (Snapshot s : SnapshotLineage.of(table)) {
      Map<String, String> summary = s.summary();
      if (context.pipelineName().equals(summary.get(PIPELINE)) && context.componentName().equals(summary.get(SINK))) {
        merged = merged.merge(Checkpoint.fromJson(summary.get(CHECKPOINT)));
      }
    }
    committed = merged;
    committedLoaded = true;
    return merged;
  }

  /**
   * Writes and commits {@code sample} into a copy of this sink whose catalog and
   * warehouse are a scratch directory: the same Parquet, partitioning and commit code as the real
   * table's, none of its data. Rows the copy would refuse are ignored.
   */
  @Override
  public void warmUp(Batch sample) throws Exception {
    try (io.logpro.api.sink.ScratchDirectory scratch = io.logpro.api.sink.ScratchDirectory.create("warm-up")) {
      IcebergCatalogs.Settings local = new IcebergCatalogs.Settings(options.catalog().type(), null, scratch.path().toString(),
          null, null, null, Map.of());
      IcebergSink copy = new IcebergSink(new Options(local, options.table(), options.partitionBy(), options.parquet(),
          options.tableProperties(), options.maxOpenFiles(), options.schemaEvolution(), MaintenanceSettings.NONE, options.commitRetry()));
      try {
        copy.open(SinkContext.discardingRejects(context));
        // once: a second round warmed the JIT a little more but made start-up 0.2 s and the heap 100 MB larger
        copy.write(sample);
        copy.commit(Checkpoint.of(io.logpro.api.Position.of("warm-up", 1)));
        copy.committed();
      } finally {
        copy.close();
      }
    }
  }

  private void abortWriters() {
    for (RollingWriter w : allWriters()) w.abort();
    deleteAll(closedFiles);
    closedFiles.clear();
    writers.clear();
    unpartitioned = null;
  }

  /** Stops the background maintenance, discards everything not committed, then lets go of the catalog. */
  @Override
  public void close() throws Exception {
    try {
      if (maintenance != null) maintenance.close();
    } finally {
      abortWriters();
      if (catalog instanceof AutoCloseable c) c.close();
    }
  }
}
