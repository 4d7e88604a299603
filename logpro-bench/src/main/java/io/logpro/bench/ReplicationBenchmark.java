package io.logpro.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL → PostgreSQL replication through examples/cdc/postgres-to-postgres.yaml (Debezium
 * embedded → binary COPY + MERGE), run as the real {@code ./logpro} process on this machine.
 *
 * <p>(a) Latency: changes committed at a fixed rate (1,000 and 10,000 per second: 80 % inserts,
 * 20 % updates, each row stamped {@code written_at = clock_timestamp()} at the source); a trigger
 * on the target stamps {@code landed_at = clock_timestamp()} as the MERGE applies the row, inside
 * the transaction that commits it. Latency = landed_at − written_at (one server, one clock), p50
 * and p99 over the rows written after a warm-up. (b) Throughput: a backlog of changes committed
 * while logpro is stopped, then the time logpro takes to apply it all (changes/s), with peak RSS.
 *
 * <pre>scripts/bench-replication.sh [WORK_DIR] [--rates 1000,10000] [--seconds 20] [--backlog 500000] [--commit-interval 100ms]</pre>
 */
public final class ReplicationBenchmark {
  private static final String DDL = """
      CREATE TABLE public.events (id bigint PRIMARY KEY, account integer, amount numeric(12,2), note text, written_at timestamptz)""";

  record Settings(Path repo, Path work, List<Integer> rates, int seconds, int warmupSeconds, int backlog, String commitInterval) {}

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(".").toAbsolutePath().normalize();
    Path work = Path.of("/tmp/bench-replication");
    List<Integer> rates = List.of(1_000, 10_000);
    int seconds = 20;
    int backlog = 500_000;
    String commitInterval = "100ms";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--repo" -> repo = Path.of(args[++i]);
        case "--rates" -> rates = java.util.Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt).toList();
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--backlog" -> backlog = Integer.parseInt(args[++i]);
        case "--commit-interval" -> commitInterval = args[++i];
        default -> work = Path.of(args[i]);
      }
    }
    Settings s = new Settings(repo, work, rates, seconds, Math.min(5, seconds / 4), backlog, commitInterval);
    Files.createDirectories(work);
    new ReplicationBenchmark().run(s);
  }

  private void run(Settings s) throws Exception {
    List<String> rows = new ArrayList<>();
    rows.add("| run | offered changes/s | achieved changes/s | p50 latency ms | p99 latency ms | max latency ms | peak RSS MB |");
    rows.add("|---|---:|---:|---:|---:|---:|---:|");
    for (int rate : s.rates()) {
      try (Databases db = Databases.create()) {
        try (Logpro lp = Logpro.start(s, db, "latency-" + rate)) {
          db.awaitStreaming(lp);
          Load load = db.produce(rate, s.seconds());
          db.awaitCaughtUp(lp, load.lastId(), 300);
          double[] p = db.latencyPercentiles(load.startedAtMillis() + s.warmupSeconds() * 1000L);
          rows.add("| (a) %,d changes/s for %d s | %,d | %,.0f | %.0f | %.0f | %.0f | %.0f |".formatted(rate, s.seconds(), rate,
              load.changes() / load.seconds(), p[0], p[1], p[2], lp.peakKb / 1024.0));
          System.err.printf("rate %d: achieved %.0f/s, p50 %.0f ms, p99 %.0f ms%n", rate, load.changes() / load.seconds(), p[0], p[1]);
        }
      }
    }
    if (s.backlog() > 0) {
      try (Databases db = Databases.create()) {
        try (Logpro lp = Logpro.start(s, db, "backlog-setup")) {
          db.awaitStreaming(lp); // creates the slot, so that the backlog is streamed, not snapshotted
        }
        long lastId = db.backlog(s.backlog());
        try (Logpro lp = Logpro.start(s, db, "backlog")) {
          db.awaitCaughtUp(lp, lastId, 1800);
          double wall = (System.nanoTime() - lp.startedAt) / 1e9;
          double applying = db.applySeconds();
          rows.add("| (b) backlog of %,d inserts | – | %,.0f (%,.0f incl. startup) | – | – | – | %.0f |".formatted(s.backlog(),
              s.backlog() / applying, s.backlog() / wall, lp.peakKb / 1024.0));
          System.err.printf("backlog %d: %.1f s applying, %.1f s wall%n", s.backlog(), applying, wall);
        }
      }
    }
    rows.forEach(System.out::println);
  }

  record Load(long startedAtMillis, double seconds, long changes, long lastId) {}

  /** A source and a target database on the local server, dropped (slot first) at close. */
  static final class Databases implements AutoCloseable {
    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    final String source = "bench_src_" + id;
    final String target = "bench_dst_" + id;

    static Databases create() throws SQLException {
      Databases d = new Databases();
      try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE " + d.source);
        st.execute("CREATE DATABASE " + d.target);
      }
      try (Connection c = connect(d.source); Statement st = c.createStatement()) {
        st.execute(DDL);
      }
      try (Connection c = connect(d.target); Statement st = c.createStatement()) {
        st.execute(DDL);
        st.execute("ALTER TABLE events ADD COLUMN landed_at timestamptz");
        st.execute("""
            CREATE FUNCTION stamp_landed() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN NEW.landed_at := clock_timestamp(); RETURN NEW; END $$""");
        st.execute("CREATE TRIGGER stamp_landed BEFORE INSERT OR UPDATE ON events FOR EACH ROW EXECUTE FUNCTION stamp_landed()");
      }
      return d;
    }

    static Connection connect(String database) throws SQLException {
      return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
    }

    String slot() {
      return "bench_" + id;
    }

    /** Inserts a probe row and waits until it is in the target: the pipeline has snapshotted and streams. */
    void awaitStreaming(Logpro lp) throws Exception {
      try (Connection c = connect(source); Statement st = c.createStatement()) {
        st.execute("INSERT INTO events VALUES (0, 0, 0, 'probe', clock_timestamp()) ON CONFLICT (id) DO UPDATE SET written_at = clock_timestamp()");
      }
      awaitCaughtUp(lp, 0, 180);
    }

    /**
     * Commits changes at {@code rate} per second for {@code seconds}: one transaction per tick
     * (10 ms, or 50 ms from 5,000 changes/s on, so that one connection keeps up with the rate).
     */
    Load produce(int rate, int seconds) throws Exception {
      int tickMs = rate >= 5_000 ? 50 : 10;
      int perTick = Math.max(1, rate * tickMs / 1000);
      int updates = perTick / 5;
      int inserts = perTick - updates;
      Random random = new Random(42);
      long nextId = 1;
      long changes = 0;
      try (Connection c = connect(source)) {
        c.setAutoCommit(false);
        PreparedStatement insert = c.prepareStatement(
            "INSERT INTO events SELECT g, g % 1000, (g % 100000) / 100.0, 'event ' || g, clock_timestamp() FROM generate_series(?, ?) g");
        PreparedStatement update = c.prepareStatement("UPDATE events SET amount = amount + 1, written_at = clock_timestamp() WHERE id = ANY(?)");
        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        long ticks = seconds * 1000L / tickMs;
        for (long t = 0; t < ticks; t++) {
          long due = start + t * tickMs * 1_000_000L;
          long wait = due - System.nanoTime();
          if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
          insert.setLong(1, nextId);
          insert.setLong(2, nextId + inserts - 1);
          insert.executeUpdate();
          nextId += inserts;
          if (updates > 0 && nextId > 1) {
            Long[] ids = new Long[updates];
            for (int i = 0; i < updates; i++) ids[i] = 1 + (long) random.nextInt((int) Math.min(Integer.MAX_VALUE, nextId - 1));
            update.setArray(1, c.createArrayOf("bigint", ids));
            update.executeUpdate();
          }
          c.commit();
          changes += perTick;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return new Load(startMillis, secs, changes, nextId - 1);
      }
    }

    /** Commits {@code rows} inserts in transactions of 10,000 while logpro is stopped; returns the last id. */
    long backlog(int rows) throws Exception {
      try (Connection c = connect(source); PreparedStatement insert = c.prepareStatement(
          "INSERT INTO events SELECT g, g % 1000, (g % 100000) / 100.0, 'event ' || g, clock_timestamp() FROM generate_series(?, ?) g")) {
        for (long from = 1; from <= rows; from += 10_000) {
          insert.setLong(1, from);
          insert.setLong(2, Math.min(rows, from + 9_999));
          insert.executeUpdate();
        }
      }
      return rows;
    }

    void awaitCaughtUp(Logpro lp, long lastId, int timeoutSeconds) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      try (Connection c = connect(target)) {
        while (true) {
          if (!lp.process.isAlive()) throw new IllegalStateException("logpro exited " + lp.process.exitValue() + "; see " + lp.log);
          if (System.nanoTime() > deadline) throw new IllegalStateException("not caught up after " + timeoutSeconds + " s; see " + lp.log);
          try (Connection src = connect(source); Statement st = src.createStatement();
               ResultSet rs = st.executeQuery("SELECT count(*), coalesce(sum(amount), 0) FROM events")) {
            rs.next();
            long count = rs.getLong(1);
            java.math.BigDecimal sum = rs.getBigDecimal(2);
            try (Statement tt = c.createStatement(); ResultSet tr = tt.executeQuery("SELECT count(*), coalesce(sum(amount), 0) FROM events")) {
              tr.next();
              if (tr.getLong(1) == count && tr.getBigDecimal(2).compareTo(sum) == 0 && count > 0 && hasId(c, lastId)) return;
            }
          }
          Thread.sleep(50);
        }
      }
    }

    private static boolean hasId(Connection c, long id) throws SQLException {
      try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM events WHERE id = ?")) {
        q.setLong(1, id);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next();
        }
      }
    }

    /** p50, p99 and max of landed_at − written_at in ms, over rows written after {@code fromMillis}. */
    double[] latencyPercentiles(long fromMillis) throws SQLException {
      try (Connection c = connect(target); PreparedStatement q = c.prepareStatement("""
          SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms)
          FROM (SELECT extract(epoch FROM landed_at - written_at) * 1000 AS ms FROM events
                WHERE id > 0 AND written_at >= to_timestamp(? / 1000.0)) x""")) {
        q.setLong(1, fromMillis);
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3)};
        }
      }
    }

    /** Seconds between the first and the last backlog row landing in the target. */
    double applySeconds() throws SQLException {
      try (Connection c = connect(target); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT extract(epoch FROM max(landed_at) - min(landed_at)) FROM events WHERE id > 0")) {
        rs.next();
        return Math.max(rs.getDouble(1), 1e-3);
      }
    }

    @Override
    public void close() throws SQLException {
      try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
        st.execute("SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = '" + slot() + "' AND active_pid IS NOT NULL");
        for (int i = 0; i < 20; i++) {
          try {
            st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot() + "'");
            break;
          } catch (SQLException stillActive) {
            try {
              Thread.sleep(250);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              break;
            }
          }
        }
        for (String db : List.of(source, target)) {
          st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db + "' AND pid <> pg_backend_pid()");
          st.execute("DROP DATABASE IF EXISTS " + db);
        }
      }
    }
  }

  /** {@code ./logpro run examples/cdc/postgres-to-postgres.yaml} as a child process, its peak RSS polled. */
  static final class Logpro implements AutoCloseable {
    final Process process;
    final Path log;
    final long startedAt = System.nanoTime();
    volatile long peakKb;

    private Logpro(Process process, Path log) {
      this.process = process;
      this.log = log;
      Thread rss = new Thread(() -> {
        while (process.isAlive()) {
          peakKb = Math.max(peakKb, FileToSilverBenchmark.vmHwmKb(process.pid()));
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "rss");
      rss.setDaemon(true);
      rss.start();
    }

    static Logpro start(Settings s, Databases db, String run) throws IOException {
      Path log = s.work().resolve(run + "-" + db.id + ".log");
      ProcessBuilder pb = new ProcessBuilder(s.repo().resolve("logpro").toString(), "run", "examples/cdc/postgres-to-postgres.yaml")
          .directory(s.repo().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.put("PIPELINE", "bench-" + db.id);
      env.put("SOURCE_DB", db.source);
      env.put("TARGET_DB", db.target);
      env.put("TABLE", "public.events");
      env.put("SLOT", db.slot());
      env.put("PUBLICATION", db.slot());
      env.put("COMMIT_INTERVAL", s.commitInterval());
      env.put("STATE_DIR", s.work().resolve("state-" + db.id).toString());
      env.put("DLQ_DIR", s.work().resolve("dlq-" + db.id).toString());
      env.put("LOGPRO_LOG_FORMAT", "text");
      env.put("LOGPRO_SKIP_BUILD", "1");
      return new Logpro(pb.start(), log);
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy(); // SIGTERM: drains and commits
      if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
  }
}
