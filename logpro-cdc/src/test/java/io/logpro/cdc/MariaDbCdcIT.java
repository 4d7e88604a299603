package io.logpro.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Checkpoint;
import io.logpro.api.config.MapConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mysql_cdc source against the local MariaDB 10.11 (ROW binlog, server_id 1). */
class MariaDbCdcIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  @TempDir Path state;
  private MariaDbTestDatabase db;
  private BufferAllocator allocator;

  @BeforeEach
  void setUp() throws Exception {
    db = new MariaDbTestDatabase();
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

  private CdcSource open(Checkpoint from) throws Exception {
    Map<String, Object> config = new HashMap<>(Map.of(
        "hostname", "127.0.0.1", "user", "root", "tables", List.of(db.name + ".items"), "state_dir", state.toString()));
    CdcSource source = (CdcSource) new MySqlCdcSourceFactory().create(MapConfig.of(MySqlCdcSourceFactory.SPEC, config));
    source.open(new TestContext("maria-it", allocator));
    source.seek(from);
    return source;
  }

  @Test
  void snapshotThenStreamedChangesCarryOpsKeysAndValues() throws Exception {
    db.exec("CREATE TABLE $db.items (id int PRIMARY KEY, big bigint, amount decimal(12,2), name varchar(20), note text,"
            + " flag tinyint(1), day date, at datetime(6), at_tz timestamp(6) NULL, hour time, doc json, raw blob,"
            + " kind enum('a','b'), ratio double, f float)",
        "INSERT INTO $db.items VALUES (1, 9000000000, 12.34, 'one', 'long text', 1, '2024-05-01', '2024-05-01 10:15:30.123456',"
            + " '2024-05-01 08:15:30.500000', '10:11:12', '{\"a\": 1}', x'0102', 'b', 2.5, 1.5)",
        "INSERT INTO $db.items (id, name) VALUES (2, 'two')");
    try (CdcSource source = open(Checkpoint.empty())) {
      List<Rows.Row> snapshot = Rows.read(source, 2, WAIT);
      assertThat(snapshot).extracting(Rows.Row::op).containsExactly("r", "r");
      Rows.Row first = snapshot.get(0);
      assertThat(first.values()).containsEntry("id", 1).containsEntry("big", 9_000_000_000L)
          .containsEntry("amount", new BigDecimal("12.34")).containsEntry("name", "one").containsEntry("note", "long text")
          .containsEntry("flag", (short) 1).containsEntry("day", (int) LocalDate.of(2024, 5, 1).toEpochDay())
          .containsEntry("at", LocalDateTime.of(2024, 5, 1, 10, 15, 30, 123_456_000))
          .containsEntry("at_tz", Instant.parse("2024-05-01T08:15:30.5Z").toEpochMilli() * 1000)
          .containsEntry("hour", LocalTime.of(10, 11, 12).toNanoOfDay() / 1000)
          .containsEntry("doc", "{\"a\": 1}").containsEntry("kind", "b").containsEntry("ratio", 2.5).containsEntry("f", 1.5f)
          .containsEntry("_table", db.name + ".items");
      assertThat((byte[]) first.get("raw")).containsExactly(1, 2);
      assertThat(first.position().partition()).isEqualTo("mysql_cdc:maria-it:snapshot");
      Schema schema = first.schema();
      assertThat(schema.findField("id").getMetadata()).containsEntry("logpro.key", "true").containsEntry("logpro.sql_type", "int");
      assertThat(schema.findField("at").getMetadata()).containsEntry("logpro.sql_type", "datetime");
      assertThat(schema.findField("flag").getMetadata()).containsEntry("logpro.sql_type", "tinyint");
      assertThat(schema.findField("amount").getType()).isEqualTo(new ArrowType.Decimal(12, 2, 128));

      db.exec("INSERT INTO $db.items (id, name, amount) VALUES (3, 'three', 3.50)",
          "UPDATE $db.items SET name = 'uno' WHERE id = 1",
          "DELETE FROM $db.items WHERE id = 2");
      List<Rows.Row> changes = Rows.read(source, 3, WAIT);
      assertThat(changes).extracting(Rows.Row::op).containsExactly("c", "u", "d");
      assertThat(changes.get(0).values()).containsEntry("id", 3).containsEntry("amount", new BigDecimal("3.50"));
      assertThat(changes.get(1).values()).containsEntry("id", 1).containsEntry("name", "uno").containsEntry("big", 9_000_000_000L);
      assertThat(changes.get(2).values()).containsEntry("id", 2).containsEntry("name", "two");
      assertThat(changes).allSatisfy(r -> {
        assertThat(r.position().partition()).isEqualTo("mysql_cdc:maria-it");
        assertThat((String) r.get("_binlog_file")).contains("bin.");
        assertThat((Long) r.get("_binlog_pos")).isPositive();
        // position = binlog file index << 32 | (event position + row)
        assertThat(r.position().sequence() >>> 32).isEqualTo(MySqlDialect.fileIndex((String) r.get("_binlog_file")));
      });
      assertThat(changes).extracting(r -> r.position().sequence()).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void restartFromCheckpointNeitherSkipsNorRepeats() throws Exception {
    db.exec("CREATE TABLE $db.items (id int PRIMARY KEY, name varchar(20))", "INSERT INTO $db.items VALUES (1, 'a')");
    Checkpoint committed;
    List<Rows.Row> streamed;
    try (CdcSource source = open(Checkpoint.empty())) {
      Rows.Row snapshot = Rows.read(source, 1, WAIT).get(0);
      // One statement, one rows event of three rows: the checkpoint falls inside it.
      db.exec("INSERT INTO $db.items VALUES (2, 'b'), (3, 'c'), (4, 'd')", "INSERT INTO $db.items VALUES (5, 'e')");
      streamed = Rows.read(source, 4, WAIT);
      assertThat(streamed).extracting(r -> r.get("id")).containsExactly(2, 3, 4, 5);
      committed = Checkpoint.of(snapshot.position(), streamed.get(1).position());
      source.acknowledge(committed);
    }
    db.exec("UPDATE $db.items SET name = 'z' WHERE id = 1", "DELETE FROM $db.items WHERE id = 2");
    try (CdcSource source = open(committed)) {
      List<Rows.Row> resumed = Rows.read(source, 4, WAIT);
      assertThat(resumed).extracting(r -> r.op() + r.get("id")).containsExactly("c4", "c5", "u1", "d2");
      assertThat(resumed.subList(0, 2)).extracting(Rows.Row::position)
          .containsExactly(streamed.get(2).position(), streamed.get(3).position());
      assertThat(Rows.readFor(source, Duration.ofSeconds(2))).isEmpty();
    }
  }

  @Test
  void restartsAfterAnAddedColumnKeepTheNewSchema() throws Exception {
    db.exec("CREATE TABLE $db.items (id int PRIMARY KEY, name varchar(20))", "INSERT INTO $db.items VALUES (0, 'snap')");
    Checkpoint committed;
    try (CdcSource source = open(Checkpoint.empty())) {
      Rows.read(source, 1, WAIT);
      db.exec("INSERT INTO $db.items VALUES (1, 'a')", "ALTER TABLE $db.items ADD COLUMN qty bigint",
          "INSERT INTO $db.items VALUES (2, 'b', 20)");
      List<Rows.Row> rows = Rows.read(source, 2, WAIT);
      assertThat(rows.get(1).values()).containsEntry("qty", 20L);
      committed = Checkpoint.of(rows.get(1).position());
    }
    for (int round = 3; round <= 4; round++) {
      try (CdcSource source = open(committed)) {
        db.exec("INSERT INTO $db.items VALUES (" + round + ", 'x', " + round + "0)");
        List<Rows.Row> rows = Rows.read(source, round - 2, WAIT);
        assertThat(rows).extracting(r -> r.get("id")).endsWith(round);
        assertThat(rows.get(rows.size() - 1).values()).containsEntry("qty", round * 10L);
        assertThat(Rows.readFor(source, Duration.ofSeconds(1))).isEmpty();
      }
    }
  }

  @Test
  void restartFromBeforeARecordedColumnChangeReplaysWithTheOldSchema() throws Exception {
    db.exec("CREATE TABLE $db.items (id int PRIMARY KEY, name varchar(20))", "INSERT INTO $db.items VALUES (0, 'snap')");
    Checkpoint committed;
    try (CdcSource source = open(Checkpoint.empty())) {
      Rows.read(source, 1, WAIT);
      db.exec("INSERT INTO $db.items VALUES (1, 'a')", "ALTER TABLE $db.items ADD COLUMN qty bigint",
          "INSERT INTO $db.items VALUES (2, 'b', 20)");
      List<Rows.Row> rows = Rows.read(source, 2, WAIT);
      committed = Checkpoint.of(rows.get(0).position());
    }
    try (CdcSource source = open(committed)) {
      List<Rows.Row> rows = Rows.read(source, 1, WAIT);
      assertThat(rows.get(0).values()).containsEntry("id", 2).containsEntry("qty", 20L);
      db.exec("INSERT INTO $db.items VALUES (3, 'c', 30)");
      assertThat(Rows.read(source, 1, WAIT).get(0).values()).containsEntry("id", 3).containsEntry("qty", 30L);
    }
  }

  @Test
  void aTransactionStartIsFoundAcrossPagesOfTheEventList() throws Exception {
    db.exec("CREATE TABLE $db.items (id int PRIMARY KEY)", "INSERT INTO $db.items VALUES (1), (2)");
    String file;
    long end;
    try (var c = MariaDbTestDatabase.connect(); var s = c.createStatement(); var rs = s.executeQuery("SHOW MASTER STATUS")) {
      rs.next();
      file = rs.getString(1);
      end = rs.getLong(2);
    }
    var jdbc = new java.util.Properties();
    jdbc.setProperty("user", "root");
    long expected = new MariaDbBinlog("jdbc:mysql://127.0.0.1:3306/", jdbc).transactionStart(file, end);
    assertThat(expected).isPositive();
    assertThat(new MariaDbBinlog("jdbc:mysql://127.0.0.1:3306/", jdbc, 3).transactionStart(file, end)).isEqualTo(expected);
    try (var c = MariaDbTestDatabase.connect(); var s = c.createStatement();
         var rs = s.executeQuery("SHOW BINLOG EVENTS IN '" + file + "' FROM " + expected + " LIMIT 1")) {
      rs.next();
      assertThat(rs.getString("Event_type")).isEqualTo("Gtid");
    }
  }
}
