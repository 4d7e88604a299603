package io.logpro.postgres;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;
import io.logpro.api.RetryPolicy;
import io.logpro.api.sink.Sink;
import io.logpro.api.sink.SinkContext;
import io.logpro.api.sink.Transactional;
import io.logpro.postgres.copy.PgBinaryCopyEncoder;
import io.logpro.postgres.copy.ValueCodec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code postgres} sink. One connection, one transaction from the first write after a
 * commit to the next commit: each batch is copied into the staging table and moved into the
 * target by one statement under a savepoint (bad rows are bisected out to the dead letters);
 * {@link #commit} upserts the checkpoint into the offsets table and commits, so rows and
 * positions become visible together.
 *
 * <p>Batches stay retained until their commit: when the connection or the transaction is lost
 * (a transient error), the sink reconnects and replays them all in a new transaction, with the
 * configured retry policy. Not thread-safe; the engine calls a sink from one thread.
 */
public final class PostgresSink implements Sink, Transactional {
  private static final Logger log = LoggerFactory.getLogger(PostgresSink.class);

  private final PostgresSinkSettings settings;
  private final OffsetsTable offsets;
  private final StagingTable staging = new StagingTable();
  private final PgBinaryCopyEncoder encoder = new PgBinaryCopyEncoder();
  private final DistinctKeys distinctKeys = new DistinctKeys();
  private final List<PendingBatch> pending = new ArrayList<>();
  private final Map<Schema, WritePlan> plans = new HashMap<>();
  private SinkContext context;
  private String pipeline;
  private String name;
  private Connection connection;
  private TargetTable target;
  private boolean targetLoaded;
  private Checkpoint committed = Checkpoint.empty();
  private long uncommittedBytes;
  private long rowsRejected;

  public PostgresSink(PostgresSinkSettings settings) {
    this.settings = settings;
    this.offsets = new OffsetsTable(settings.offsetsTable());
  }

  @Override
  public void open(PipelineContext pipelineContext) throws Exception {
    context = SinkContext.of(pipelineContext);
    pipeline = context.pipelineName();
    name = context.componentName();
    withRetry("open", () -> {
      offsets.ensure(connection);
      committed = offsets.read(connection, pipeline, name).checkpoint();
      connection.commit();
      return null;
    });
    log.info("postgres sink {}: {} into {} (mode {}), last commit {}", name, settings.safeUrl(), settings.table(),
        settings.mode().configName(), committed.isEmpty() ? "none" : committed.toJson());
  }

  @Override
  public void write(Batch batch) throws Exception {
    if (batch.rowCount() == 0) return;
    pending.add(new PendingBatch(batch.retain()));
    uncommittedBytes += batch.sizeInBytes();
    withRetry("write", () -> {
      writeUnwritten();
      return null;
    });
  }

  @Override
  public boolean wantsCommit() {
    return uncommittedBytes >= settings.maxUncommittedBytes();
  }

  @Override
  public void commit(Checkpoint checkpoint) throws Exception {
    Checkpoint toStore = committed.merge(checkpoint);
    if (pending.isEmpty() && toStore.equals(committed)) return;
    long commitId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    boolean[] commitSent = {false};
    withRetry("commit", () -> {
      // The connection broke after COMMIT was sent: if the server committed, the offsets row says so.
      if (commitSent[0] && offsets.read(connection, pipeline, name).commitId() == commitId) {
        connection.commit();
        return null;
      }
      writeUnwritten();
      offsets.store(connection, pipeline, name, toStore, commitId);
      commitSent[0] = true;
      connection.commit();
      return null;
    });
    committed = toStore;
    releasePending();
  }

  @Override
  public Checkpoint committed() throws Exception {
    return withRetry("read the committed checkpoint", () -> {
      Checkpoint stored = offsets.read(connection, pipeline, name).checkpoint();
      if (pending.isEmpty()) connection.commit();
      committed = stored;
      return stored;
    });
  }

  @Override
  public void close() {
    // Without a commit, nothing written since the last one stays: closing the session rolls it back.
    disconnect();
    releasePending();
    if (rowsRejected > 0) log.info("postgres sink {}: {} rows refused by the table went to the dead letters", name, rowsRejected);
  }

  // ---------------------------------------------------------------- connection and retries

  private <T> T withRetry(String what, RetryPolicy.Attempt<T> work) throws Exception {
    RetryPolicy retry = settings.retry();
    try {
      return retry.run(() -> {
        if (connection == null) connect();
        return work.run();
      }, SqlErrors::isTransient, (attempt, failure, delay) -> {
        log.warn("postgres sink {}: {} failed ({}); reconnecting in {} ms, {} batches since the last commit kept for a replay (attempt {} of {})",
            name, what, failure.getMessage(), delay.toMillis(), pending.size(), attempt + 1, retry.maxAttempts());
        disconnect();
      });
    } catch (Exception e) {
      disconnect(); // the transaction is lost or aborted: whatever comes next starts over
      throw e;
    }
  }

  private void connect() throws SQLException {
    Properties props = new Properties();
    if (settings.user() != null) props.setProperty("user", settings.user());
    if (settings.password() != null) props.setProperty("password", settings.password());
    String app = "logpro " + pipeline + "/" + name;
    props.setProperty("ApplicationName", app.length() > 63 ? app.substring(0, 63) : app);
    if (settings.mode() == WriteMode.INSERT) props.setProperty("reWriteBatchedInserts", "true");
    // The driver directly, not DriverManager: it may not see drivers of a plugin class loader.
    Connection c = new org.postgresql.Driver().connect(settings.url(), props);
    if (c == null) throw new SQLException("not a PostgreSQL URL: " + settings.safeUrl(), "08001");
    c.setAutoCommit(false);
    connection = c;
  }

  /** Drops the connection and everything tied to its session; pending batches will be replayed. */
  private void disconnect() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("postgres sink {}: close failed: {}", name, e.getMessage());
      }
      connection = null;
    }
    staging.forget();
    plans.clear();
    target = null;
    targetLoaded = false;
    for (PendingBatch p : pending) p.written = false;
  }

  private void releasePending() {
    for (PendingBatch p : pending) p.batch.release();
    pending.clear();
    uncommittedBytes = 0;
  }

  // ---------------------------------------------------------------- writing

  private void writeUnwritten() throws Exception {
    for (PendingBatch p : pending) {
      if (!p.written) {
        writeBatch(p);
        p.written = true;
      }
    }
  }

  private void writeBatch(PendingBatch p) throws Exception {
    VectorSchemaRoot root = p.batch.root();
    WritePlan plan = planFor(root);
    ValueCodec[] codecs = plan.codecs(root);
    BitSet rejected = new BitSet();
    if (p.rows == null) p.rows = checkRows(p, plan, codecs, rejected);
    if (p.rows.length == 0) return;
    RowsWriter writer;
    if (settings.mode() == WriteMode.INSERT) {
      JdbcValues.Binder[] binders = new JdbcValues.Binder[plan.columns().size()];
      for (int c = 0; c < binders.length; c++) {
        PlannedColumn column = plan.columns().get(c);
        binders[c] = JdbcValues.binder(column, root.getVector(column.index()), connection);
      }
      writer = new InsertRowsWriter(connection, plan.insert(), binders, settings.insertBatchRows());
    } else {
      staging.ensure(connection, plan.staging());
      int keyIndex = plan.integerKeyIndex();
      var integerKey = keyIndex < 0 ? null : (org.apache.arrow.vector.BaseIntVector) root.getVector(keyIndex);
      writer = new CopyRowsWriter(connection, plan, codecs, encoder, integerKey, distinctKeys);
    }
    BadRowBisector.write(connection, writer, p.rows, 0, p.rows.length, (row, error) -> {
      reject(p, row, error);
      rejected.set(row);
    });
    if (!rejected.isEmpty()) p.dropRows(rejected);
  }

  /** The rows to write; those that cannot go into the table go to the dead letters now. */
  private int[] checkRows(PendingBatch p, WritePlan plan, ValueCodec[] codecs, BitSet rejected) {
    int n = p.batch.rowCount();
    String[] why = RowChecks.refusals(p.batch.root(), plan, codecs, settings.mode().needsKey());
    int[] rows = new int[n];
    int kept = 0;
    for (int r = 0; r < n; r++) {
      if (why != null && why[r] != null) {
        reject(p, r, why[r]);
        rejected.set(r);
      } else {
        rows[kept++] = r;
      }
    }
    return kept == n ? rows : java.util.Arrays.copyOf(rows, kept);
  }

  private void reject(PendingBatch p, int row, String error) {
    rowsRejected++;
    log.debug("postgres sink {}: row {} refused: {}", name, row, error);
    context.reject(p.batch, row, error);
  }

  /**
   * The plan for a batch: loads the table, creates it or brings it up to the batch (DDL in the
   * open transaction, so it commits with the rows), and plans the columns. Cached per schema.
   */
  private WritePlan planFor(VectorSchemaRoot root) throws SQLException {
    Schema schema = root.getSchema();
    WritePlan plan = plans.get(schema);
    if (plan != null && !(settings.evolveSchema() && plan.checksLengths())) return plan;
    TableName table = settings.table();
    if (!targetLoaded) {
      target = TargetTable.load(connection, table);
      targetLoaded = true;
    }
    ColumnSelection selection = ColumnSelection.of(schema, settings, target);
    if (target == null) {
      if (!settings.createTable()) {
        throw new IllegalStateException("postgres sink " + name + ": table " + table + " does not exist and create_table is false");
      }
      TableDdl.create(connection, name, table, schema, selection, selection.key());
      target = TargetTable.load(connection, table);
      selection = ColumnSelection.of(schema, settings, target);
    }
    if (settings.evolveSchema()) {
      List<SchemaEvolution.Change> changes = SchemaEvolution.changes(root, selection, target);
      if (!changes.isEmpty()) {
        SchemaEvolution.apply(connection, name, table, changes);
        target = TargetTable.load(connection, table);
        plans.clear();
      } else if (plan != null) {
        return plan;
      }
    }
    plan = WritePlanner.plan(schema, selection, target, settings);
    plans.put(schema, plan);
    return plan;
  }
}
