package io.logpro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MariaDB → PostgreSQL replication through examples/cdc/mariadb-to-postgres.yaml, run as the real
 * {@code logpro} process: a 20,000-row table, concurrent changes, two SIGKILLs; after catch-up the
 * PostgreSQL table equals the MariaDB one, value for value.
 */
class MariaDbReplicationIT {
  static final int ROWS = 20_000;
  static final int KILLS = 2;

  @TempDir Path work;
  private final String id = TestDatabases.uniqueSuffix();
  private final String source = "logpro_src_" + id;
  private final String target = "logpro_dst_" + id;

  @BeforeEach
  void createDatabases() throws Exception {
    TestDatabases.createMaria(source);
    TestDatabases.createPg(target);
    try (Connection c = TestDatabases.maria(source); Statement s = c.createStatement()) {
      s.execute("""
          CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(64) NOT NULL, amount DECIMAL(12,2), qty INT,
            status VARCHAR(16), created DATETIME(6), flag SMALLINT, score DOUBLE)""");
      s.execute("""
          INSERT INTO orders SELECT seq, CONCAT('customer ', seq % 997), (seq % 10000) / 100.0, seq % 50,
            IF(seq % 3 = 0, 'new', 'paid'), TIMESTAMP('2024-01-01') + INTERVAL seq SECOND + INTERVAL (seq % 1000) MICROSECOND,
            seq % 2, seq / 7.0 FROM seq_1_to_ROWS""".replace("ROWS", Integer.toString(ROWS)));
    }
    try (Connection c = TestDatabases.pg(target); Statement s = c.createStatement()) {
      s.execute("""
          CREATE TABLE public.orders (id bigint PRIMARY KEY, customer varchar(64) NOT NULL, amount numeric(12,2), qty integer,
            status varchar(16), created timestamp, flag smallint, score float8)""");
    }
  }

  @AfterEach
  void dropDatabases() {
    TestDatabases.dropMaria(source);
    TestDatabases.dropPg(target);
  }

  @Test
  void targetEqualsSourceAfterConcurrentChangesAndKills() throws Exception {
    Map<String, String> env = new HashMap<>(Map.of(
        "PIPELINE", "maria-it-" + id, "SOURCE_TABLE", source + ".orders", "TARGET_DB", target, "COMMIT_INTERVAL", "500ms",
        "DLQ_DIR", work.resolve("dlq").toString(), "STATE_DIR", work.resolve("state").toString()));
    Path config = LogproProcess.repoDir().resolve("examples/cdc/mariadb-to-postgres.yaml");
    Path log = work.resolve("logpro.log");

    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong changes = new AtomicLong();
    Thread workload = Thread.ofPlatform().name("workload").start(() -> changeRows(stop, changes));
    Random random = new Random(5);
    Process p = LogproProcess.start(work, env, log, "run", config.toString());
    try {
      PostgresReplicationIT.awaitLogLine(log, "Snapshot completed", p, 300); // kills while changes stream
      for (int i = 0; i < KILLS; i++) {
        Thread.sleep(5_000 + random.nextInt(5_000));
        assertThat(p.isAlive()).as("logpro is running; log:\n%s", LogproProcess.tail(log)).isTrue();
        p.destroyForcibly();
        p.waitFor();
        p = LogproProcess.start(work, env, log, "run", config.toString());
      }
      Thread.sleep(3_000);
      stop.set(true);
      workload.join();
      assertThat(changes.get()).isGreaterThan(500);
      List<String> expected = null;
      List<String> actual = null;
      long deadline = System.nanoTime() + 180_000_000_000L;
      while (System.nanoTime() < deadline) {
        expected = rows(TestDatabases.maria(source));
        actual = rows(TestDatabases.pg(target));
        if (expected.equals(actual)) break;
        Thread.sleep(2_000);
      }
      assertThat(actual).as("log:\n%s", LogproProcess.tail(log)).hasSameSizeAs(expected);
      assertThat(actual).isEqualTo(expected);
    } finally {
      p.destroy();
      p.waitFor();
    }
  }

  private void changeRows(AtomicBoolean stop, AtomicLong changes) {
    Random random = new Random(13);
    long nextId = ROWS + 1;
    try (Connection c = TestDatabases.maria(source)) {
      c.setAutoCommit(false);
      PreparedStatement insert = c.prepareStatement(
          "INSERT INTO orders VALUES (?, 'new customer', 12.34, 1, 'new', NOW(6), 1, 0.5)");
      PreparedStatement update = c.prepareStatement(
          "UPDATE orders SET amount = amount + 1, status = 'upd', created = NOW(6), qty = NULL, score = score * 2 WHERE id = ?");
      PreparedStatement delete = c.prepareStatement("DELETE FROM orders WHERE id = ?");
      while (!stop.get()) {
        int ops = 1 + random.nextInt(5);
        for (int i = 0; i < ops; i++) {
          int kind = random.nextInt(10);
          PreparedStatement st = kind < 4 ? insert : kind < 8 ? update : delete;
          st.setLong(1, kind < 4 ? nextId++ : 1 + (long) random.nextInt((int) nextId - 1));
          st.executeUpdate();
        }
        c.commit();
        changes.addAndGet(ops);
        Thread.sleep(10);
      }
    } catch (Exception e) {
      throw new IllegalStateException("workload failed", e);
    }
  }

  /** Every row as text in id order, with values normalised so that both servers' drivers render them alike. */
  private static List<String> rows(Connection c) throws Exception {
    List<String> out = new ArrayList<>();
    try (c; Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, customer, amount, qty, status, created, flag, score FROM orders ORDER BY id")) {
      while (rs.next()) {
        BigDecimal amount = rs.getBigDecimal(3);
        var created = rs.getObject(6, java.time.LocalDateTime.class);
        out.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + (amount == null ? null : amount.toPlainString()) + "|"
            + rs.getObject(4) + "|" + rs.getString(5) + "|" + created + "|" + rs.getInt(7) + "|" + rs.getDouble(8));
      }
    }
    return out;
  }
}
