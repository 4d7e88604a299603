package io.logpro.cdc;

import static io.logpro.cdc.SqlServerRecords.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * The sqlserver_cdc source's rows and positions, fed with change records built as the SQL Server
 * connector builds them (no SQL Server runs here).
 */
class SqlServerChangesTest {
  private static final String C1 = "0000002d:00000d10:0003";
  private static final String C2 = "0000002d:00000e20:0005";
  private static final String C3 = "0000002e:00000010:0002";
  private static final Timestamp PLACED = Timestamp.valueOf(LocalDateTime.of(2024, 5, 1, 10, 15, 30, 123_456_000));

  /** Two snapshot rows, then an insert, an update and a delete in two transactions. */
  private static List<SourceRecord> changes() {
    SqlServerRecords r = new SqlServerRecords();
    List<SourceRecord> out = new ArrayList<>();
    out.add(r.read(C1, row(1, "ann", new BigDecimal("12.50"), PLACED, true, "6F9619FF-8B86-D011-B42D-00C04FC964FF", new byte[] {1, 2})));
    out.add(r.read(C1, row(2, "bob", null, null, null, null, null)));
    r.snapshotDone();
    out.add(r.insert(C2, "0000002d:00000e00:0002", row(3, "cy", new BigDecimal("3.00"), PLACED, false, null, null)));
    out.add(r.update(C2, "0000002d:00000e08:0004", row(1, "ann", new BigDecimal("12.50"), PLACED, true, null, null),
        row(1, "anne", new BigDecimal("13.00"), PLACED, true, null, null)));
    out.add(r.delete(C3, "0000002e:00000008:0003", row(2, "bob", null, null, null, null, null)));
    return out;
  }

  @Test
  void recordedChangesBecomeRowsWithTheConventionsTypesAndColumns() throws Exception {
    try (var allocator = new RootAllocator(); var source = RecordedEngine.open(new SqlServerDialect(),
        new RecordedEngine(changes(), null), new TestContext("t", allocator), Checkpoint.empty())) {
      List<Rows.Row> rows = Rows.read(source, 5, Duration.ofSeconds(5));
      assertThat(rows).extracting(Rows.Row::op).containsExactly("r", "r", "c", "u", "d");
      Rows.Row first = rows.get(0);
      assertThat(first.values()).containsEntry("id", 1).containsEntry("customer", "ann").containsEntry("amount", new BigDecimal("12.50"))
          .containsEntry("placed", PLACED.toLocalDateTime()).containsEntry("paid", true)
          .containsEntry("ref", "6F9619FF-8B86-D011-B42D-00C04FC964FF").containsEntry("_table", "dbo.orders");
      assertThat((byte[]) first.get("blob")).containsExactly(1, 2);
      Schema schema = first.schema();
      assertThat(schema.findField("amount").getType()).isEqualTo(new ArrowType.Decimal(10, 2, 128));
      assertThat(schema.findField("placed").getType()).isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
      assertThat(schema.findField("id").getMetadata()).containsEntry("logpro.key", "true").containsEntry("logpro.sql_type", "int");
      assertThat(schema.findField("ref").getMetadata()).containsEntry("logpro.sql_type", "uniqueidentifier");
      assertThat(schema.getFields().get(schema.getFields().size() - 1).getName()).isEqualTo("_change_lsn");

      assertThat(rows.get(3).values()).containsEntry("customer", "anne").containsEntry("amount", new BigDecimal("13.00"));
      assertThat(rows.get(4).values()).containsEntry("id", 2).containsEntry("customer", "bob");
      assertThat(rows.get(2).values()).containsEntry("_change_lsn", "0000002d:00000e00:0002").containsEntry("_tx_id", C2);
      assertThat(rows.get(4).values()).containsEntry("_change_lsn", "0000002e:00000008:0003").containsEntry("_tx_id", C3);
    }
  }

  @Test
  void positionsCountOnInTheirPartitionsAndCarryTheLsnKey() throws Exception {
    try (var allocator = new RootAllocator(); var source = RecordedEngine.open(new SqlServerDialect(),
        new RecordedEngine(changes(), null), new TestContext("t", allocator), Checkpoint.empty())) {
      List<Position> p = Rows.read(source, 5, Duration.ofSeconds(5)).stream().map(Rows.Row::position).toList();
      assertThat(p).extracting(Position::partition)
          .containsExactly("sqlserver_cdc:t:snapshot", "sqlserver_cdc:t:snapshot", "sqlserver_cdc:t", "sqlserver_cdc:t", "sqlserver_cdc:t");
      assertThat(p).extracting(Position::sequence).containsExactly(1L, 2L, 1L, 2L, 3L);
      // [commit_lsn (first 8 bytes, slot), change_lsn (first 8 bytes, slot), event_serial_no, sub]
      ResumeToken update = ResumeToken.parse(p.get(3).token());
      assertThat(update.key()).containsExactly(0x0000002d00000e20L, 5, 0x0000002d00000e08L, 4, 2, 0);
      assertThat(update.partition()).containsEntry("server", "t").containsEntry("database", "shop");
      assertThat(update.offset()).containsEntry("commit_lsn", C2).containsEntry("change_lsn", "0000002d:00000e08:0004")
          .containsEntry("event_serial_no", 2L);
    }
  }

  @Test
  void afterARestartRedeliveredChangesAreDroppedAndLaterOnesKeepTheirSequences() throws Exception {
    List<Position> first;
    try (var allocator = new RootAllocator(); var source = RecordedEngine.open(new SqlServerDialect(),
        new RecordedEngine(changes(), null), new TestContext("t", allocator), Checkpoint.empty())) {
      first = Rows.read(source, 5, Duration.ofSeconds(5)).stream().map(Rows.Row::position).toList();
    }
    // Debezium resumes at the transaction of the insert and delivers it again.
    List<SourceRecord> again = changes().subList(2, 5);
    Checkpoint committed = Checkpoint.of(first.get(1), first.get(2));
    try (var allocator = new RootAllocator(); var source = RecordedEngine.open(new SqlServerDialect(),
        new RecordedEngine(again, null), new TestContext("t", allocator), committed)) {
      List<Rows.Row> rows = Rows.read(source, 2, Duration.ofSeconds(5));
      assertThat(rows).extracting(Rows.Row::op).containsExactly("u", "d");
      assertThat(rows).extracting(Rows.Row::position).containsExactly(first.get(3), first.get(4));
      assertThat(Rows.readFor(source, Duration.ofMillis(300))).isEmpty();
    }
  }

  @Test
  void acknowledgeHandsTheCommittedChangesOffsetToDebezium() throws Exception {
    List<SourceRecord> records = changes();
    RecordedEngine engine = new RecordedEngine(records, null);
    try (var allocator = new RootAllocator(); var source = RecordedEngine.open(new SqlServerDialect(), engine,
        new TestContext("t", allocator), Checkpoint.empty())) {
      List<Position> p = Rows.read(source, 5, Duration.ofSeconds(5)).stream().map(Rows.Row::position).toList();
      source.acknowledge(Checkpoint.of(p.get(1), p.get(3)));
      assertThat(engine.committed).hasSize(2);
      assertThat(engine.committed.get(0)).isEqualTo(ResumeToken.parse(p.get(1).token()).offset());
      assertThat(engine.committed.get(1)).containsEntry("commit_lsn", C2).containsEntry("change_lsn", "0000002d:00000e08:0004");
      source.acknowledge(Checkpoint.of(p.get(1), p.get(3)));
      assertThat(engine.committed).hasSize(2);
    }
  }
}
