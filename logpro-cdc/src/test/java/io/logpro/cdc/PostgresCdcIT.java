package io.logpro.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.api.config.MapConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The postgres_cdc source against the local PostgreSQL 15 (wal_level=logical). */
class PostgresCdcIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private PgTestDatabase db;
  private BufferAllocator allocator;

  @BeforeEach
  void setUp() throws Exception {
    db = new PgTestDatabase();
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      allocator.close();
    } finally {
      db.close();
    }
  }

  private CdcSource open(Checkpoint from, Map<String, Object> extra) throws Exception {
    Map<String, Object> config = new HashMap<>(Map.of(
        "hostname", "127.0.0.1", "database", db.name, "user", "postgres",
        "slot", db.slot, "publication", db.publication, "tables", List.of("public.items")));
    config.putAll(extra);
    CdcSource source = (CdcSource) new PostgresCdcSourceFactory().create(MapConfig.of(PostgresCdcSourceFactory.SPEC, config));
    source.open(new TestContext("pg-it", allocator));
    source.seek(from);
    return source;
  }

  private CdcSource open(Checkpoint from) throws Exception {
    return open(from, Map.of());
  }

  @Test
  void snapshotThenStreamedChangesCarryOpsKeysAndValues() throws Exception {
    db.exec("CREATE TABLE items (id int PRIMARY KEY, big bigint, amount numeric(12,2), name text, code varchar(10), flag bool,"
            + " day date, at timestamp, at_tz timestamptz, uid uuid, doc jsonb, raw bytea, nums int[], tags text[])",
        "INSERT INTO items VALUES (1, 9000000000, 12.34, 'one', 'A1', true, '2024-05-01', '2024-05-01 10:15:30.123456',"
            + " '2024-05-01 10:15:30.5+02', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": 1}', '\\x0102', '{1,2,3}', '{x,y}')",
        "INSERT INTO items (id, name) VALUES (2, 'two')");
    try (CdcSource source = open(Checkpoint.empty())) {
      List<Rows.Row> snapshot = Rows.read(source, 2, WAIT);
      assertThat(snapshot).extracting(Rows.Row::op).containsExactly("r", "r");
      Rows.Row first = snapshot.get(0);
      assertThat(first.values()).containsEntry("id", 1).containsEntry("big", 9_000_000_000L)
          .containsEntry("amount", new BigDecimal("12.34")).containsEntry("name", "one").containsEntry("code", "A1")
          .containsEntry("flag", true).containsEntry("day", (int) LocalDate.of(2024, 5, 1).toEpochDay())
          .containsEntry("at", LocalDateTime.of(2024, 5, 1, 10, 15, 30, 123_456_000))
          .containsEntry("at_tz", java.time.Instant.parse("2024-05-01T08:15:30.5Z").toEpochMilli() * 1000)
          .containsEntry("uid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11").containsEntry("doc", "{\"a\": 1}")
          .containsEntry("nums", List.of(1, 2, 3)).containsEntry("tags", List.of("x", "y"))
          .containsEntry("_table", "public.items");
      assertThat((byte[]) first.get("raw")).containsExactly(1, 2);
      assertThat(first.position().partition()).isEqualTo("postgres_cdc:pg-it:snapshot");
      assertThat(snapshot.get(1).values()).containsEntry("id", 2).containsEntry("amount", null).containsEntry("nums", null);

      Schema schema = first.schema();
      assertThat(schema.findField("id").getMetadata()).containsEntry("logpro.key", "true").containsEntry("logpro.sql_type", "int4");
      assertThat(schema.findField("name").getMetadata()).doesNotContainKey("logpro.key");
      assertThat(sqlType(schema, "amount")).isEqualTo("numeric");
      assertThat(sqlType(schema, "code")).isEqualTo("varchar");
      assertThat(sqlType(schema, "at_tz")).isEqualTo("timestamptz");
      assertThat(sqlType(schema, "uid")).isEqualTo("uuid");
      assertThat(sqlType(schema, "doc")).isEqualTo("jsonb");
      assertThat(sqlType(schema, "nums")).isEqualTo("_int4");
      assertThat(schema.findField("amount").getType()).isEqualTo(new ArrowType.Decimal(12, 2, 128));
      assertThat(schema.findField("at").getType()).isEqualTo(new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.MICROSECOND, null));
      assertThat(schema.findField("at_tz").getType()).isEqualTo(new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.MICROSECOND, "UTC"));
      assertThat(schema.findField("nums").getType()).isEqualTo(ArrowType.List.INSTANCE);
      assertThat(schema.getFields()).extracting(Field::getName).endsWith("_op", "_table", "_source_ts", "_tx_id", "_lsn");

      db.exec("INSERT INTO items (id, name, amount) VALUES (3, 'three', 3.50)",
          "UPDATE items SET name = 'uno' WHERE id = 1",
          "DELETE FROM items WHERE id = 2");
      List<Rows.Row> changes = Rows.read(source, 3, WAIT);
      assertThat(changes).extracting(Rows.Row::op).containsExactly("c", "u", "d");
      assertThat(changes.get(0).values()).containsEntry("id", 3).containsEntry("amount", new BigDecimal("3.50"));
      assertThat(changes.get(1).values()).containsEntry("id", 1).containsEntry("name", "uno").containsEntry("big", 9_000_000_000L);
      assertThat(changes).allSatisfy(r -> {
        assertThat(r.position().partition()).isEqualTo("postgres_cdc:pg-it");
        assertThat(r.get("_lsn")).isInstanceOf(Long.class);
        assertThat(r.get("_tx_id")).isNotNull();
        assertThat(r.get("_source_ts")).isNotNull();
      });
      assertThat(changes).extracting(r -> r.position().sequence()).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void deleteWithDefaultReplicaIdentityCarriesTheKeyOnly() throws Exception {
    db.exec("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, qty int)", "INSERT INTO items VALUES (7, 'seven', 70)");
    try (CdcSource source = open(Checkpoint.empty())) {
      Rows.read(source, 1, WAIT);
      db.exec("DELETE FROM items WHERE id = 7");
      Rows.Row delete = Rows.read(source, 1, WAIT).get(0);
      assertThat(delete.op()).isEqualTo("d");
      assertThat(delete.values()).containsEntry("id", 7).containsEntry("name", null).containsEntry("qty", null);
      assertThat(delete.schema().findField("id").getMetadata()).containsEntry("logpro.key", "true");
    }
  }

  @Test
  void deleteWithFullReplicaIdentityCarriesTheOldRow() throws Exception {
    db.exec("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, qty int)", "ALTER TABLE items REPLICA IDENTITY FULL",
        "INSERT INTO items VALUES (7, 'seven', 70)");
    try (CdcSource source = open(Checkpoint.empty())) {
      Rows.read(source, 1, WAIT);
      db.exec("DELETE FROM items WHERE id = 7");
      Rows.Row delete = Rows.read(source, 1, WAIT).get(0);
      assertThat(delete.op()).isEqualTo("d");
      assertThat(delete.values()).containsEntry("id", 7).containsEntry("name", "seven").containsEntry("qty", 70);
    }
  }

  @Test
  void restartFromMidStreamCheckpointContinuesWithTheNextChange() throws Exception {
    db.exec("CREATE TABLE items (id int PRIMARY KEY, name text)", "INSERT INTO items VALUES (1, 'a')");
    Checkpoint committed;
    try (CdcSource source = open(Checkpoint.empty())) {
      List<Rows.Row> snapshot = Rows.read(source, 1, WAIT);
      for (int i = 2; i <= 5; i++) db.exec("INSERT INTO items VALUES (" + i + ", 'v" + i + "')");
      List<Rows.Row> streamed = Rows.read(source, 4, WAIT);
      assertThat(streamed).extracting(r -> r.get("id")).containsExactly(2, 3, 4, 5);
      // The sinks committed the snapshot and the first two changes only.
      committed = Checkpoint.of(snapshot.get(0).position(), streamed.get(0).position(), streamed.get(1).position());
      source.acknowledge(committed);
    }
    db.exec("UPDATE items SET name = 'b' WHERE id = 1", "DELETE FROM items WHERE id = 3");
    try (CdcSource source = open(committed)) {
      List<Rows.Row> resumed = Rows.read(source, 4, WAIT);
      assertThat(resumed).extracting(r -> r.op() + r.get("id")).containsExactly("c4", "c5", "u1", "d3");
      Position lastBefore = committed.get("postgres_cdc:pg-it");
      assertThat(resumed.get(0).position().sequence()).isEqualTo(lastBefore.sequence() + 1);
      assertThat(Rows.readFor(source, Duration.ofSeconds(2))).isEmpty();
    }
  }

  @Test
  void redeliveredChangesKeepTheirSequences() throws Exception {
    db.exec("CREATE TABLE items (id int PRIMARY KEY, name text)");
    List<Rows.Row> first;
    try (CdcSource source = open(Checkpoint.empty())) {
      Rows.readFor(source, Duration.ofSeconds(1));
      db.exec("INSERT INTO items VALUES (1, 'a')", "INSERT INTO items VALUES (2, 'b')", "INSERT INTO items VALUES (3, 'c')");
      first = Rows.read(source, 3, WAIT);
    }
    // Nothing was acknowledged: from the first change's checkpoint, the later ones come again, unchanged.
    try (CdcSource source = open(Checkpoint.of(first.get(0).position()))) {
      List<Rows.Row> again = Rows.read(source, 2, WAIT);
      assertThat(again).extracting(Rows.Row::position).containsExactly(first.get(1).position(), first.get(2).position());
    }
  }

  @Test
  void acknowledgeAdvancesTheSlotsConfirmedFlushLsn() throws Exception {
    db.exec("CREATE TABLE items (id int PRIMARY KEY, name text)");
    try (CdcSource source = open(Checkpoint.empty())) {
      Rows.readFor(source, Duration.ofSeconds(1));
      long before = db.confirmedFlushLsn();
      db.exec("INSERT INTO items VALUES (1, 'a')", "INSERT INTO items VALUES (2, 'b')");
      List<Rows.Row> rows = Rows.read(source, 2, WAIT);
      long walAfterFirst = (Long) rows.get(0).get("_lsn");
      assertThat(db.confirmedFlushLsn()).isLessThan(walAfterFirst);
      source.acknowledge(Checkpoint.of(rows.get(1).position()));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (db.confirmedFlushLsn() <= walAfterFirst && System.nanoTime() < deadline) {
        source.read(100, Duration.ofMillis(200));
        Thread.sleep(100);
      }
      assertThat(db.confirmedFlushLsn()).isGreaterThan(walAfterFirst).isGreaterThan(before);
    }
  }

  @Test
  void heartbeatsMoveTheSlotOnWhileTheCapturedTablesAreQuiet() throws Exception {
    db.exec("CREATE TABLE items (id int PRIMARY KEY, name text)", "CREATE TABLE other (id int PRIMARY KEY)");
    try (CdcSource source = open(Checkpoint.empty(), Map.of("heartbeat_interval", "500ms"))) {
      Rows.readFor(source, Duration.ofSeconds(1));
      long start = db.confirmedFlushLsn();
      db.exec("INSERT INTO other SELECT generate_series(1, 1000)");
      long written = db.currentLsn();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (db.confirmedFlushLsn() < written && System.nanoTime() < deadline) {
        assertThat(Rows.readFor(source, Duration.ofMillis(300))).isEmpty();
      }
      assertThat(db.confirmedFlushLsn()).isGreaterThanOrEqualTo(written).isGreaterThan(start);
    }
  }

  @Test
  void addedColumnAppearsInTheNextChunksSchema() throws Exception {
    db.exec("CREATE TABLE items (id int PRIMARY KEY, name text)");
    try (CdcSource source = open(Checkpoint.empty())) {
      Rows.readFor(source, Duration.ofSeconds(1));
      db.exec("INSERT INTO items VALUES (1, 'a')");
      Rows.Row before = Rows.read(source, 1, WAIT).get(0);
      db.exec("ALTER TABLE items ADD COLUMN qty bigint", "ALTER TABLE items ALTER COLUMN id TYPE bigint",
          "INSERT INTO items VALUES (2, 'b', 20)");
      Rows.Row after = Rows.read(source, 1, WAIT).get(0);
      assertThat(before.schema().getFields()).extracting(Field::getName).doesNotContain("qty");
      assertThat(after.schema().findField("qty").getType()).isEqualTo(new ArrowType.Int(64, true));
      assertThat(after.schema().findField("id").getType()).isEqualTo(new ArrowType.Int(64, true));
      assertThat(after.values()).containsEntry("id", 2L).containsEntry("qty", 20L);
    }
  }

  @Test
  void interleavedTransactionsKeepSequencesIncreasing() throws Exception {
    db.exec("CREATE TABLE items (id int PRIMARY KEY, name text)");
    try (CdcSource source = open(Checkpoint.empty())) {
      Rows.readFor(source, Duration.ofSeconds(1));
      try (var early = db.connect(); var late = db.connect()) {
        early.setAutoCommit(false);
        late.setAutoCommit(false);
        early.createStatement().execute("INSERT INTO items VALUES (1, 'early')");
        late.createStatement().execute("INSERT INTO items VALUES (2, 'late')");
        late.commit();
        early.createStatement().execute("INSERT INTO items VALUES (3, 'early')");
        early.commit();
      }
      List<Rows.Row> rows = Rows.read(source, 3, WAIT);
      // Commit order: the later transaction's change first, although its LSN is higher.
      assertThat(rows).extracting(r -> r.get("id")).containsExactly(2, 1, 3);
      assertThat((Long) rows.get(1).get("_lsn")).isLessThan((Long) rows.get(0).get("_lsn"));
      assertThat(rows).extracting(r -> r.position().sequence()).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void restartInsideOneCopyRecordContinuesWithTheNextRow() throws Exception {
    db.exec("CREATE TABLE items (id int PRIMARY KEY, name text)");
    List<Rows.Row> first;
    try (CdcSource source = open(Checkpoint.empty())) {
      Rows.readFor(source, Duration.ofSeconds(1));
      db.exec("INSERT INTO items VALUES (100, 'before')");
      // COPY writes many rows into one WAL record: they share one LSN.
      db.exec("COPY items (id) FROM PROGRAM 'seq 1 20'");
      first = Rows.read(source, 21, WAIT);
      assertThat(first.subList(1, 21)).extracting(r -> r.get("_lsn")).containsOnly(first.get(1).get("_lsn"));
      source.acknowledge(Checkpoint.of(first.get(7).position()));
    }
    try (CdcSource source = open(Checkpoint.of(first.get(7).position()))) {
      List<Rows.Row> rest = Rows.read(source, 13, WAIT);
      assertThat(rest).extracting(r -> r.get("id")).containsExactlyElementsOf(first.subList(8, 21).stream().map(r -> r.get("id")).toList());
      assertThat(rest).extracting(Rows.Row::position).containsExactlyElementsOf(first.subList(8, 21).stream().map(Rows.Row::position).toList());
      assertThat(Rows.readFor(source, Duration.ofSeconds(2))).isEmpty();
    }
  }

  @Test
  void anUnreachableServerFailsReadWithTheReason() throws Exception {
    try (CdcSource source = open(Checkpoint.empty(), Map.of("port", 1))) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      Throwable failure = null;
      while (failure == null && System.nanoTime() < deadline) {
        try {
          source.read(10, Duration.ofMillis(200));
        } catch (java.io.IOException e) {
          failure = e;
        }
      }
      assertThat(failure).isNotNull().hasMessageContaining("postgres_cdc pg-it").hasMessageContaining("127.0.0.1:1");
    }
  }

  @Test
  void aServerThatGoesAwayFailsReadAfterDebeziumsRetries() throws Exception {
    String role = db.name + "_role";
    db.exec("CREATE TABLE items (id int PRIMARY KEY, name text)", "CREATE ROLE " + role + " LOGIN REPLICATION",
        "GRANT SELECT ON items TO " + role, "CREATE PUBLICATION " + db.publication + " FOR TABLE items");
    try {
      Map<String, Object> asRole = Map.of("user", role, "properties",
          Map.of("errors.max.retries", "1", "retriable.restart.connector.wait.ms", "300", "errors.retry.delay.initial.ms", "100",
              "errors.retry.delay.max.ms", "200"));
      try (CdcSource source = open(Checkpoint.empty(), asRole)) {
        Rows.readFor(source, Duration.ofSeconds(1));
        db.exec("INSERT INTO items VALUES (1, 'a')");
        assertThat(Rows.read(source, 1, WAIT)).hasSize(1);
        // The server drops the connections and refuses new ones.
        try (var c = PgTestDatabase.admin(); var st = c.createStatement()) {
          st.execute("ALTER ROLE " + role + " NOLOGIN");
          st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Throwable failure = null;
        while (failure == null && System.nanoTime() < deadline) {
          try {
            source.read(10, Duration.ofMillis(200));
          } catch (java.io.IOException e) {
            failure = e;
          }
        }
        assertThat(failure).isNotNull().hasMessageContaining("postgres_cdc pg-it").hasMessageContaining("not permitted to log in");
      }
    } finally {
      try (var c = PgTestDatabase.admin(); var st = c.createStatement()) {
        st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
      }
      db.close();
      try (var c = PgTestDatabase.admin(); var st = c.createStatement()) {
        st.execute("DROP ROLE IF EXISTS " + role);
      }
    }
  }

  private static String sqlType(Schema schema, String column) {
    return schema.findField(column).getMetadata().get("logpro.sql_type");
  }
}
