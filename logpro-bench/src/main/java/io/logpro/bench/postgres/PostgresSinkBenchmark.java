package io.logpro.bench.postgres;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.config.MapConfig;
import io.logpro.api.sink.Sink;
import io.logpro.api.sink.SinkContext;
import io.logpro.postgres.PostgresSinkFactory;
import io.logpro.postgres.copy.Codecs;
import io.logpro.postgres.copy.PgBinaryCopyEncoder;
import io.logpro.postgres.copy.PgOids;
import io.logpro.postgres.copy.PgType;
import io.logpro.postgres.copy.ValueCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The {@code postgres} sink against the local PostgreSQL, in one run: 1,000,000 generated taxi
 * trips (+ a trip_id) through (a) binary COPY + MERGE (upsert by trip_id, into an empty table,
 * then again over the same rows: every row an update) and COPY + INSERT (append), (b) batched
 * JDBC INSERTs (mode insert, insert_batch_rows 1000), (c) one INSERT per row (insert_batch_rows
 * 1) on fewer rows, (d) one INSERT per row in its own transaction (plain JDBC, autocommit). Each run writes into a fresh table of its own (created by the sink), commits
 * every {@code --commit-every} batches as the engine's commit interval would, and is timed from
 * its first write to its last commit; the batches are generated before any timing. A short
 * append run first warms up the JIT. The row count of every table is checked after its run.
 * The client's own share is measured apart: the same batches through the encoder alone.
 *
 * <pre>scripts/bench-postgres.sh [--rows 1000000] [--row-by-row-rows 50000] [--batch-rows 8192] [--commit-every 8] [--autocommit-rows 5000]</pre>
 */
public final class PostgresSinkBenchmark {
  private static final String HOST = "127.0.0.1:5432";

  record Settings(long rows, long rowByRowRows, int batchRows, int commitEvery, String commit, long autocommitRows) {}

  record Result(String run, long rows, double seconds) {
    double rowsPerSecond() {
      return rows / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    long rows = 1_000_000;
    long rowByRow = 50_000;
    int batchRows = 8_192;
    int commitEvery = 8;
    String commit = "unknown";
    long autocommitRows = 5_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i].replace("_", ""));
        case "--row-by-row-rows" -> rowByRow = Long.parseLong(args[++i].replace("_", ""));
        case "--batch-rows" -> batchRows = Integer.parseInt(args[++i]);
        case "--commit-every" -> commitEvery = Integer.parseInt(args[++i]);
        case "--commit" -> commit = args[++i];
        case "--autocommit-rows" -> autocommitRows = Long.parseLong(args[++i].replace("_", ""));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    new PostgresSinkBenchmark().run(new Settings(rows, rowByRow, batchRows, commitEvery, commit, autocommitRows));
  }

  private void run(Settings s) throws Exception {
    String db = "logpro_bench_pg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    execute("postgres", "CREATE DATABASE " + db);
    String loadBefore = loadAverage();
    List<Result> results = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator()) {
      long t0 = System.nanoTime();
      List<Batch> batches = TaxiBatches.generate(allocator, 0, s.rows(), s.batchRows());
      System.err.printf("generated %,d rows in %d batches in %.1f s%n", s.rows(), batches.size(), (System.nanoTime() - t0) / 1e9);
      try {
        int warmBatches = Math.min(batches.size(), 13);
        timed(s, db, "warm-up", "public.warmup", Map.of("mode", "append"), batches.subList(0, warmBatches), allocator);
        encoderOnly(batches); // warm-up of the encoder alone
        results.add(encoderOnly(batches));
        results.add(timed(s, db, "(a) COPY + MERGE, upsert by trip_id (new rows)", "public.taxi_upsert",
            Map.of("mode", "upsert", "key", List.of(TaxiBatches.TRIP_ID)), batches, allocator));
        results.add(timed(s, db, "(a) COPY + MERGE, upsert by trip_id (every row an update)", "public.taxi_upsert",
            Map.of("mode", "upsert", "key", List.of(TaxiBatches.TRIP_ID)), batches, allocator));
        results.add(timed(s, db, "(a) COPY + INSERT ... SELECT, append", "public.taxi_append", Map.of("mode", "append"), batches, allocator));
        results.add(timed(s, db, "(b) batched INSERT (insert_batch_rows 1000)", "public.taxi_insert_batched",
            Map.of("mode", "insert", "insert_batch_rows", 1000), batches, allocator));
        int rowByRowBatches = (int) Math.min(batches.size(), (s.rowByRowRows() + s.batchRows() - 1) / s.batchRows());
        results.add(timed(s, db, "(c) row-by-row INSERT (insert_batch_rows 1)", "public.taxi_insert_rows",
            Map.of("mode", "insert", "insert_batch_rows", 1), batches.subList(0, rowByRowBatches), allocator));
        results.add(autocommitRows(db, batches, s.autocommitRows()));
      } finally {
        batches.forEach(Batch::release);
      }
    } finally {
      execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    }
    String loadAfter = loadAverage();
    print(s, results, loadBefore, loadAfter);
  }

  private Result timed(Settings s, String db, String run, String table, Map<String, Object> extra, List<Batch> batches,
      BufferAllocator allocator) throws Exception {
    Map<String, Object> config = new HashMap<>(extra);
    config.put("url", "jdbc:postgresql://" + HOST + "/" + db);
    config.put("user", "postgres");
    config.put("table", table);
    long rows = 0;
    long start;
    try (BufferAllocator child = allocator.newChildAllocator(run, 0, Long.MAX_VALUE);
         Sink sink = new PostgresSinkFactory().create(MapConfig.of(PostgresSinkFactory.SPEC, config))) {
      sink.open(new BenchContext(table.replace("public.", "") + "-" + Math.abs(run.hashCode()), child));
      start = System.nanoTime();
      Checkpoint done = Checkpoint.empty();
      for (int i = 0; i < batches.size(); i++) {
        Batch b = batches.get(i);
        sink.write(b);
        rows += b.rowCount();
        done = done.merge(b.positions());
        if ((i + 1) % s.commitEvery() == 0 || i == batches.size() - 1) sink.commit(done);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long count = count(db, table);
    // Every trip_id is new to append and insert tables, and upsert keeps one row per trip_id: as many rows as written.
    if (count != rows) throw new IllegalStateException(run + ": table " + table + " has " + count + " rows, expected " + rows);
    System.err.printf("%s: %,d rows in %.2f s = %,.0f rows/s (load %s)%n", run, rows, seconds, rows / seconds, loadAverage());
    return new Result(run, rows, seconds);
  }

  /**
   * (d) What a connector without batching does (the seed's "row-level INSERTs"): one INSERT per
   * row in its own transaction (autocommit), so every row waits for its WAL flush. Plain JDBC,
   * not the sink: the sink always groups rows in one transaction per commit.
   */
  private static Result autocommitRows(String db, List<Batch> batches, long rows) throws Exception {
    try (Connection c = connect(db)) {
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TABLE public.taxi_autocommit (LIKE public.taxi_insert_rows)");
      }
      var schema = batches.get(0).root().getSchema();
      String cols = String.join(", ", schema.getFields().stream().map(f -> "\"" + f.getName() + "\"").toList());
      String marks = String.join(", ", java.util.Collections.nCopies(schema.getFields().size(), "?"));
      c.setAutoCommit(true);
      long done = 0;
      long start = System.nanoTime();
      try (var insert = c.prepareStatement("INSERT INTO public.taxi_autocommit (" + cols + ") VALUES (" + marks + ")")) {
        outer:
        for (Batch b : batches) {
          var vectors = b.root().getFieldVectors();
          for (int r = 0; r < b.rowCount(); r++) {
            if (done >= rows) break outer;
            for (int col = 0; col < vectors.size(); col++) {
              Object v = vectors.get(col).getObject(r);
              insert.setObject(col + 1, v instanceof org.apache.arrow.vector.util.Text t ? t.toString() : v);
            }
            insert.executeUpdate();
            done++;
          }
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.err.printf("autocommit rows: %,d rows in %.2f s = %,.0f rows/s%n", done, seconds, done / seconds);
      return new Result("(d) row-by-row INSERT, one transaction per row (autocommit, plain JDBC)", done, seconds);
    }
  }

  /** The client's share: every batch through the sink's Arrow → COPY binary encoder into a discarding output, no server. */
  private static Result encoderOnly(List<Batch> batches) throws Exception {
    PgBinaryCopyEncoder encoder = new PgBinaryCopyEncoder();
    long rows = 0;
    long bytes = 0;
    long start = System.nanoTime();
    for (Batch b : batches) {
      var root = b.root();
      ValueCodec[] codecs = new ValueCodec[root.getFieldVectors().size()];
      for (int c = 0; c < codecs.length; c++) {
        var vector = root.getVector(c);
        codecs[c] = Codecs.factory(vector.getField(), pgType(vector.getField().getType())).create(vector);
      }
      int[] selection = java.util.stream.IntStream.range(0, b.rowCount()).toArray();
      bytes += encoder.encode(codecs, selection, 0, selection.length, (buf, off, len) -> { });
      rows += b.rowCount();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.err.printf("encoder only: %,d rows, %,d bytes in %.2f s = %,.0f rows/s%n", rows, bytes, seconds, rows / seconds);
    return new Result("(client alone) Arrow → COPY binary encoding, no server", rows, seconds);
  }

  private static PgType pgType(ArrowType t) {
    return switch (t) {
      case ArrowType.Int i when i.getBitWidth() == 64 -> PgType.of(PgOids.INT8, "bigint", 'N');
      case ArrowType.Int i -> PgType.of(PgOids.INT4, "integer", 'N');
      case ArrowType.Timestamp ts -> PgType.of(PgOids.TIMESTAMP, "timestamp without time zone", 'D');
      case ArrowType.FloatingPoint f -> PgType.of(PgOids.FLOAT8, "double precision", 'N');
      default -> PgType.of(PgOids.TEXT, "text", 'S');
    };
  }

  private static void print(Settings s, List<Result> results, String loadBefore, String loadAfter) throws SQLException {
    System.out.printf("Commit %s, %s, PostgreSQL %s, JDK %s; batches of %,d rows, a commit every %d batches.%n", s.commit(),
        java.time.Instant.now().toString().substring(0, 16) + "Z", serverVersion(), Runtime.version(), s.batchRows(), s.commitEvery());
    System.out.printf("Load average (1, 5, 15 min) before: %s; after: %s%n%n", loadBefore, loadAfter);
    System.out.println("| run | rows | seconds | rows/s |");
    System.out.println("|---|---:|---:|---:|");
    for (Result r : results) System.out.printf("| %s | %,d | %.2f | %,.0f |%n", r.run(), r.rows(), r.seconds(), r.rowsPerSecond());
    Result merge = results.get(1);
    Result autocommit = results.get(results.size() - 1);
    Result rowByRow = results.get(results.size() - 2);
    Result batched = results.get(results.size() - 3);
    System.out.printf("%nCOPY + MERGE / row-by-row INSERT in one transaction: %.1f×; COPY + MERGE / row-by-row INSERT autocommit: %.1f×; "
        + "COPY + MERGE / batched INSERT: %.1f×; COPY append / row-by-row: %.1f×%n",
        merge.rowsPerSecond() / rowByRow.rowsPerSecond(), merge.rowsPerSecond() / autocommit.rowsPerSecond(),
        merge.rowsPerSecond() / batched.rowsPerSecond(), results.get(3).rowsPerSecond() / rowByRow.rowsPerSecond());
  }

  private static long count(String db, String table) throws SQLException {
    try (Connection c = connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String serverVersion() throws SQLException {
    try (Connection c = connect("postgres"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void execute(String db, String sql) throws SQLException {
    try (Connection c = connect(db); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static Connection connect(String db) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + HOST + "/" + db, "postgres", "");
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + ", " + parts[1] + ", " + parts[2];
    } catch (Exception e) {
      return "unknown";
    }
  }

  /** The sink's context outside a pipeline: a refused row would be a bug here (the table has no constraints beyond the key). */
  private record BenchContext(String pipelineName, org.apache.arrow.memory.BufferAllocator allocator) implements SinkContext {
    @Override
    public String componentName() {
      return "bench";
    }

    @Override
    public void reject(Batch batch, int row, String error) {
      throw new IllegalStateException("row " + row + " refused: " + error);
    }
  }
}
