package io.logpro.iceberg.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.Parquet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites small data files into files toward the target size, partition by partition, with
 * Iceberg's core API: a file is small below 75% of the target, and a partition is compacted
 * when it has at least two small files. The rewrite is one {@code RewriteFiles} commit validated
 * from the snapshot it was planned on: appends committed meanwhile (a running pipeline) do not
 * conflict and stay; a concurrent rewrite or delete of the same files makes Iceberg refuse the
 * commit, and the compaction is skipped with a message and its files deleted.
 *
 * <p>Files are read with Iceberg's generic Parquet reader projected on the current table schema
 * (so files written before a schema change read with the new columns as null and widened types
 * promoted, by field id) and written with Iceberg's generic Parquet writer and the table's write
 * properties (codec, row group and page sizes). Not with logpro's Arrow writer: the rows come
 * out of the old files as Iceberg records, and turning them back into Arrow vectors would need a
 * converter for every type only to hand them to a writer that expects Arrow; a background job
 * does not need the Arrow path's speed.
 *
 * <p>Row counts are checked before committing (rows read = rows in the input files' metadata =
 * rows written), so a rewrite never loses or doubles a row. The rewrite's snapshot summary holds
 * no logpro pipeline keys: pipelines' committed positions are untouched. Files with row-level
 * delete files attached are left alone (rewriting them would need the deletes applied).
 */
public final class Compaction {
  private static final Logger LOG = LoggerFactory.getLogger(Compaction.class);
  public static final long DEFAULT_TARGET_FILE_SIZE = 128L << 20;
  /** Files below this share of the target size are small. */
  static final double SMALL_FILE_SHARE = 0.75;
  private static final int CANCEL_CHECK_ROWS = 10_000;
  /** Names a rewrite in its snapshot summary, so a commit whose outcome is unclear can be looked up (not a pipeline key). */
  public static final String COMPACTION_ID = "logpro.compaction-id";

  /**
   * @param targetFileSize output files roll at this size; inputs below 75% of it are rewritten
   * @param filter         only files that may hold matching rows (by partition or column statistics), or null for all
   */
  public record Options(long targetFileSize, Expression filter) {
    public Options {
      if (targetFileSize <= 0) throw new IllegalArgumentException("target file size must be positive, found " + targetFileSize);
    }

    public static Options defaults() {
      return new Options(DEFAULT_TARGET_FILE_SIZE, null);
    }
  }

  /** Small files of one partition rewritten together. */
  public record Group(int specId, StructLike partition, String partitionPath, List<DataFile> files) {
    public long bytes() {
      return files.stream().mapToLong(DataFile::fileSizeInBytes).sum();
    }

    public long rows() {
      return files.stream().mapToLong(DataFile::recordCount).sum();
    }
  }

  /**
   * What a compaction will do, from one snapshot.
   *
   * @param snapshotId    the snapshot it was planned on (null: empty table), which the commit validates from
   * @param files         data files in scope (after the filter)
   * @param bytes         their bytes
   * @param withDeletes   files skipped because delete files apply to them
   */
  public record Plan(Long snapshotId, long sequenceNumber, List<Group> groups, int files, long bytes, int withDeletes) {
    public int inputFiles() {
      return groups.stream().mapToInt(g -> g.files().size()).sum();
    }
  }

  /**
   * What a compaction did.
   *
   * @param filesBefore data files in scope before
   * @param filesAfter  data files in scope after (before minus rewritten plus written)
   * @param rewritten   small files replaced
   * @param written     files written in their place
   * @param bytesRead   bytes of the replaced files
   * @param bytesWritten bytes of the new files
   * @param skipped     why nothing was committed, or null when it was (or there was nothing to do)
   * @param snapshotId  the rewrite's snapshot, or null
   */
  public record Result(int filesBefore, int filesAfter, int groups, int rewritten, int written, long rows, long bytesRead,
      long bytesWritten, String skipped, Long snapshotId) {
    public boolean committed() {
      return snapshotId != null;
    }
  }

  private Compaction() {}

  /** Plans and rewrites. */
  public static Result run(Table table, Options options) {
    return rewrite(table, plan(table, options), options, () -> false);
  }

  /** The groups of small files to rewrite, from the table's current snapshot. */
  public static Plan plan(Table table, Options options) {
    table.refresh();
    Snapshot current = table.currentSnapshot();
    if (current == null) return new Plan(null, 0, List.of(), 0, 0, 0);
    long small = (long) (options.targetFileSize() * SMALL_FILE_SHARE);
    TableScan scan = table.newScan().useSnapshot(current.snapshotId());
    if (options.filter() != null) scan = scan.filter(options.filter());
    Map<String, List<DataFile>> byPartition = new LinkedHashMap<>();
    Map<String, DataFile> firstOf = new LinkedHashMap<>();
    int files = 0;
    long bytes = 0;
    int withDeletes = 0;
    try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile f = task.file();
        files++;
        bytes += f.fileSizeInBytes();
        if (!task.deletes().isEmpty()) {
          withDeletes++;
          continue;
        }
        if (f.fileSizeInBytes() >= small) continue;
        PartitionSpec spec = table.specs().get(f.specId());
        String key = f.specId() + "/" + spec.partitionToPath(f.partition());
        byPartition.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        firstOf.putIfAbsent(key, f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot plan the compaction of " + table.name(), e);
    }
    List<Group> groups = new ArrayList<>();
    for (var e : byPartition.entrySet()) {
      if (e.getValue().size() < 2) continue;
      DataFile first = firstOf.get(e.getKey());
      String path = table.specs().get(first.specId()).partitionToPath(first.partition());
      for (List<DataFile> bin : bins(e.getValue(), options.targetFileSize())) {
        groups.add(new Group(first.specId(), first.partition(), path, bin));
      }
    }
    return new Plan(current.snapshotId(), current.sequenceNumber(), groups, files, bytes, withDeletes);
  }

  /**
   * Packs small files, smallest first, into bins of about the target size: each bin becomes one
   * file or a few. A bin of one file would only copy it, so a lone last file joins the bin before.
   */
  static List<List<DataFile>> bins(List<DataFile> files, long target) {
    List<DataFile> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparingLong(DataFile::fileSizeInBytes));
    List<List<DataFile>> bins = new ArrayList<>();
    List<DataFile> bin = new ArrayList<>();
    long size = 0;
    for (DataFile f : sorted) {
      bin.add(f);
      size += f.fileSizeInBytes();
      if (size >= target) {
        bins.add(bin);
        bin = new ArrayList<>();
        size = 0;
      }
    }
    if (bin.size() == 1 && !bins.isEmpty()) bins.get(bins.size() - 1).addAll(bin);
    else if (bin.size() > 1) bins.add(bin);
    bins.removeIf(b -> b.size() < 2);
    return bins;
  }

  /**
   * Rewrites the plan's groups and commits them in one rewrite validated from the plan's snapshot.
   * {@code cancelled} is polled between files and every few thousand rows: when it turns true
   * the files written so far are deleted and nothing is committed.
   */
  public static Result rewrite(Table table, Plan plan, Options options, BooleanSupplier cancelled) {
    int inputs = plan.inputFiles();
    if (plan.groups().isEmpty()) {
      return new Result(plan.files(), plan.files(), 0, 0, 0, 0, 0, 0, null, null);
    }
    Schema schema = table.schema();
    String runId = UUID.randomUUID().toString();
    List<DataFile> written = new ArrayList<>();
    Set<DataFile> replaced = new LinkedHashSet<>();
    long rows = 0;
    long bytesRead = 0;
    try {
      int fileNo = 0;
      for (Group g : plan.groups()) {
        if (cancelled.getAsBoolean()) return cancelledResult(table, written, plan);
        PartitionSpec spec = table.specs().get(g.specId());
        GroupWriter out = new GroupWriter(table, schema, spec, g.partition(), options.targetFileSize(), runId, fileNo);
        long read = 0;
        try {
          for (DataFile f : g.files()) {
            if (cancelled.getAsBoolean()) {
              out.abort();
              return cancelledResult(table, written, plan);
            }
            try (CloseableIterable<Record> records = Parquet.read(table.io().newInputFile(f.location()))
                .project(schema)
                .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(schema, fileSchema))
                .build()) {
              for (Record r : records) {
                out.write(r);
                if (++read % CANCEL_CHECK_ROWS == 0 && cancelled.getAsBoolean()) {
                  out.abort();
                  return cancelledResult(table, written, plan);
                }
              }
            }
          }
          written.addAll(out.finish());
          fileNo = out.nextFileNo();
        } catch (IOException | RuntimeException e) {
          out.abort();
          throw e;
        }
        long expected = g.rows();
        long wrote = written.subList(written.size() - out.filesWritten(), written.size()).stream().mapToLong(DataFile::recordCount).sum();
        if (read != expected || wrote != expected) {
          throw new IllegalStateException("compaction of " + table.name() + " partition '" + g.partitionPath() + "' read " + read
              + " rows and wrote " + wrote + " where the files hold " + expected + ": nothing committed");
        }
        rows += read;
        bytesRead += g.bytes();
        replaced.addAll(g.files());
      }
    } catch (IOException e) {
      deleteAll(table, written);
      throw new UncheckedIOException("cannot compact " + table.name(), e);
    } catch (RuntimeException e) {
      deleteAll(table, written);
      throw e;
    }
    long bytesWritten = written.stream().mapToLong(DataFile::fileSizeInBytes).sum();
    try {
      RewriteFiles rewrite = table.newRewrite().validateFromSnapshot(plan.snapshotId());
      // The new files keep the data sequence number of the planned snapshot (format v2): deletes
      // committed meanwhile still apply to them. Version 1 tables have no sequence numbers.
      if (plan.sequenceNumber() > 0) rewrite.dataSequenceNumber(plan.sequenceNumber());
      replaced.forEach(rewrite::deleteFile);
      written.forEach(rewrite::addFile);
      rewrite.set(COMPACTION_ID, runId);
      rewrite.commit();
    } catch (ValidationException e) {
      deleteAll(table, written);
      String why = "skipped: files planned from snapshot " + plan.snapshotId() + " were changed by a concurrent rewrite or delete ("
          + e.getMessage() + "); run it again";
      LOG.warn("compaction of {} {}", table.name(), why);
      return new Result(plan.files(), plan.files(), plan.groups().size(), 0, 0, 0, 0, 0, why, null);
    } catch (CommitStateUnknownException e) {
      throw e; // the files may be committed: keep them (orphan removal finds them if not)
    } catch (RuntimeException e) {
      // Interrupted or failed after Iceberg's retries: delete the files only if surely not committed.
      if (!landed(table, runId)) deleteAll(table, written);
      throw e;
    }
    table.refresh();
    Long snapshotId = table.currentSnapshot() == null ? null : table.currentSnapshot().snapshotId();
    LOG.info("compacted {}: {} small files ({} bytes) in {} partition groups into {} files ({} bytes), {} rows",
        table.name(), inputs, bytesRead, plan.groups().size(), written.size(), bytesWritten, rows);
    return new Result(plan.files(), plan.files() - inputs + written.size(), plan.groups().size(), inputs, written.size(), rows,
        bytesRead, bytesWritten, null, snapshotId);
  }

  private static boolean landed(Table table, String runId) {
    try {
      table.refresh();
      for (Snapshot s : table.snapshots()) {
        if (runId.equals(s.summary().get(COMPACTION_ID))) return true;
      }
      return false;
    } catch (RuntimeException e) {
      return true; // cannot tell: keep the files; orphan removal deletes them later if they are not referenced
    }
  }

  private static Result cancelledResult(Table table, List<DataFile> written, Plan plan) {
    deleteAll(table, written);
    return new Result(plan.files(), plan.files(), plan.groups().size(), 0, 0, 0, 0, 0, "skipped: cancelled (the sink is closing)", null);
  }

  private static void deleteAll(Table table, List<DataFile> files) {
    for (DataFile f : files) {
      try {
        table.io().deleteFile(f.location());
      } catch (RuntimeException ignored) {
        // best effort: nothing references the file; orphan removal gets it otherwise
      }
    }
  }

  /** Files of one partition group, rolling at the target size. */
  private static final class GroupWriter {
    private final Table table;
    private final Schema schema;
    private final PartitionSpec spec;
    private final StructLike partition;
    private final long target;
    private final String runId;
    private final List<DataFile> done = new ArrayList<>();
    private final List<String> locations = new ArrayList<>();
    private int fileNo;
    private DataWriter<Record> current;

    GroupWriter(Table table, Schema schema, PartitionSpec spec, StructLike partition, long target, String runId, int fileNo) {
      this.table = table;
      this.schema = schema;
      this.spec = spec;
      this.partition = partition;
      this.target = target;
      this.runId = runId;
      this.fileNo = fileNo;
    }

    void write(Record r) throws IOException {
      if (current == null) current = open();
      current.write(r);
      if (current.length() >= target) roll();
    }

    private DataWriter<Record> open() throws IOException {
      String name = String.format("compact-%s-%05d.parquet", runId, ++fileNo);
      String location = spec.isUnpartitioned()
          ? table.locationProvider().newDataLocation(name)
          : table.locationProvider().newDataLocation(spec, partition, name);
      locations.add(location);
      OutputFile file = table.io().newOutputFile(location);
      return Parquet.writeData(file)
          .schema(schema)
          .withSpec(spec)
          .withPartition(spec.isUnpartitioned() ? null : partition)
          .setAll(table.properties())
          .metricsConfig(MetricsConfig.forTable(table))
          .createWriterFunc(GenericParquetWriter::create)
          .overwrite()
          .build();
    }

    private void roll() throws IOException {
      DataWriter<Record> w = current;
      current = null;
      w.close();
      done.add(w.toDataFile());
    }

    List<DataFile> finish() throws IOException {
      if (current != null) roll();
      return done;
    }

    int filesWritten() {
      return done.size();
    }

    int nextFileNo() {
      return fileNo;
    }

    void abort() {
      if (current != null) {
        try {
          current.close();
        } catch (IOException | RuntimeException ignored) {
          // deleted below either way
        }
        current = null;
      }
      for (String l : locations) {
        try {
          table.io().deleteFile(l);
        } catch (RuntimeException ignored) {
          // best effort
        }
      }
    }
  }
}
