package io.logpro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL → PostgreSQL replication through examples/cdc/postgres-to-postgres.yaml, run as the
 * real {@code logpro} process: a 100,000-row table, then concurrent inserts, updates and deletes
 * while logpro streams and is killed with SIGKILL at random moments; after catch-up the target
 * equals the source, row for row and value for value.
 */
class PostgresReplicationIT {
  static final int ROWS = 100_000;
  static final int KILLS = 5;
  static final String DDL = """
      CREATE TABLE public.orders (
        id bigint PRIMARY KEY, customer text NOT NULL, amount numeric(12,2), qty integer, status varchar(16),
        created timestamptz, updated timestamp, tags text[], note jsonb, ref uuid, active boolean, payload bytea)""";

  @TempDir Path work;
  private final String id = TestDatabases.uniqueSuffix();
  private final String source = "logpro_src_" + id;
  private final String target = "logpro_dst_" + id;

  @BeforeEach
  void createDatabases() throws Exception {
    TestDatabases.createPg(source);
    TestDatabases.createPg(target);
    try (Connection c = TestDatabases.pg(source); Statement s = c.createStatement()) {
      s.execute(DDL);
      s.execute("""
          INSERT INTO orders SELECT g, 'customer ' || (g % 997), (g % 10000) / 100.0, g % 50,
            CASE WHEN g % 3 = 0 THEN 'new' ELSE 'paid' END,
            timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute', timestamp '2024-01-01' + g * interval '1 second',
            ARRAY['t' || (g % 5), 't' || (g % 7)], jsonb_build_object('n', g, 'even', g % 2 = 0),
            md5(g::text)::uuid, g % 2 = 0, decode(md5(g::text), 'hex')
          FROM generate_series(1, ROWS) g""".replace("ROWS", Integer.toString(ROWS)));
    }
    try (Connection c = TestDatabases.pg(target); Statement s = c.createStatement()) {
      s.execute(DDL);
    }
  }

  @AfterEach
  void dropDatabases() {
    TestDatabases.dropPg(source);
    TestDatabases.dropPg(target);
  }

  @Test
  void targetEqualsSourceAfterConcurrentChangesAndKills() throws Exception {
    Map<String, String> env = new HashMap<>(Map.of(
        "PIPELINE", "pg-it-" + id, "SOURCE_DB", source, "TARGET_DB", target, "SLOT", "logpro_it_" + id,
        "PUBLICATION", "logpro_it_" + id, "COMMIT_INTERVAL", "500ms",
        "DLQ_DIR", work.resolve("dlq").toString(), "STATE_DIR", work.resolve("state").toString()));
    Path config = LogproProcess.repoDir().resolve("examples/cdc/postgres-to-postgres.yaml");
    Path log = work.resolve("logpro.log");

    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong changes = new AtomicLong();
    Thread workload = Thread.ofPlatform().name("workload").start(() -> changeRows(stop, changes));
    Random random = new Random(7);
    int kills = 0;
    Process p = LogproProcess.start(work, env, log, "run", config.toString());
    try {
      // Debezium redoes an interrupted initial snapshot from scratch (see the README): the kills
      // come once it has completed, while changes stream.
      awaitLogLine(log, "Snapshot completed", p, 300);
      for (int i = 0; i < KILLS; i++) {
        Thread.sleep(3_000 + random.nextInt(6_000));
        assertThat(p.isAlive()).as("logpro is running; log:\n%s", LogproProcess.tail(log)).isTrue();
        p.destroyForcibly(); // SIGKILL: no drain, no final commit
        p.waitFor();
        kills++;
        p = LogproProcess.start(work, env, log, "run", config.toString());
      }
      Thread.sleep(3_000);
      stop.set(true);
      workload.join();
      assertThat(changes.get()).as("changes made while logpro streamed").isGreaterThan(1_000);
      String[] last = waitForCatchUp(180);
      assertThat(last[1]).as("target equals source (count, digest) after %d kills; log:\n%s", kills, LogproProcess.tail(log))
          .isEqualTo(last[0]);
    } finally {
      p.destroy(); // SIGTERM: drains and exits
      p.waitFor();
    }
  }

  static void awaitLogLine(Path log, String text, Process p, int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!java.nio.file.Files.readString(log).contains(text)) {
      assertThat(p.isAlive()).as("logpro is running; log:\n%s", LogproProcess.tail(log)).isTrue();
      assertThat(System.nanoTime()).as("'%s' within %d s; log:\n%s", text, seconds, LogproProcess.tail(log)).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /** Inserts, updates and deletes in small transactions until told to stop. */
  private void changeRows(AtomicBoolean stop, AtomicLong changes) {
    Random random = new Random(11);
    long nextId = ROWS + 1;
    try (Connection c = TestDatabases.pg(source)) {
      c.setAutoCommit(false);
      PreparedStatement insert = c.prepareStatement("""
          INSERT INTO orders VALUES (?, 'new customer', 12.34, 1, 'new', now(), localtimestamp, ARRAY['n'], '{"new": true}', gen_random_uuid(), true, '\\x00ff')""");
      PreparedStatement update = c.prepareStatement("""
          UPDATE orders SET amount = amount + 1, status = 'upd', updated = localtimestamp, tags = tags || 'u'::text,
            note = note || '{"u": 1}', active = NOT active, qty = NULL WHERE id = ?""");
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
        Thread.sleep(5);
      }
    } catch (Exception e) {
      throw new IllegalStateException("workload failed", e);
    }
  }

  /** Polls until target and source agree (count and digest of every row's text) or the time is up; returns {source, target}. */
  private String[] waitForCatchUp(int seconds) throws Exception {
    String[] last = {"", ""};
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      last = new String[] {digest(source), digest(target)};
      if (last[0].equals(last[1])) return last;
      Thread.sleep(2_000);
    }
    return last;
  }

  static String digest(String database) throws Exception {
    return digest(database, "orders");
  }

  /** Row count and the md5 of every row's text in id order. */
  static String digest(String database, String table) throws Exception {
    try (Connection c = TestDatabases.pg(database); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY id), '')) FROM " + table + " t")) {
      rs.next();
      return rs.getLong(1) + " rows, md5 " + rs.getString(2);
    }
  }
}
