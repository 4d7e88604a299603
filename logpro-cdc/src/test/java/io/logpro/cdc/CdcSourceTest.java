package io.logpro.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.api.source.SourceChunk;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** The CDC source's reading, chunking and acknowledging, over recorded PostgreSQL-shaped records. */
class CdcSourceTest {

  private static List<SourceChunk.Columnar> chunks(CdcSource source, int maxRecords, int count) throws Exception {
    List<SourceChunk.Columnar> out = new ArrayList<>();
    while (out.size() < count) {
      if (source.read(maxRecords, Duration.ofSeconds(5)) instanceof SourceChunk.Columnar c) out.add(c);
      else throw new AssertionError("expected " + count + " chunks, got " + out.size());
    }
    return out;
  }

  @Test
  void aChunkHoldsOneTableInSourceOrderUpToMaxRecords() throws Exception {
    List<SourceRecord> records = List.of(PgRecords.insert("items", 1, 0, 100), PgRecords.insert("items", 2, 0, 110),
        PgRecords.insert("items", 3, 0, 120), PgRecords.insert("other", 4, 0, 130), PgRecords.insert("items", 5, 0, 140));
    try (var allocator = new RootAllocator(); var source = RecordedEngine.open(new PostgresDialect(),
        new RecordedEngine(records, null), new TestContext("t", allocator), Checkpoint.empty())) {
      List<List<Rows.Row>> got = new ArrayList<>();
      for (SourceChunk.Columnar c : chunks(source, 2, 4)) got.add(Rows.rows(c));
      assertThat(got).extracting(rows -> rows.stream().map(r -> r.get("_table") + ":" + r.get("id")).toList()).containsExactly(
          List.of("public.items:1", "public.items:2"), List.of("public.items:3"), List.of("public.other:4"), List.of("public.items:5"));
      assertThat(source.schema()).isNotNull();
    }
  }

  @Test
  void readIsIdleWhenNothingCame() throws Exception {
    try (var allocator = new RootAllocator(); var source = RecordedEngine.open(new PostgresDialect(),
        new RecordedEngine(List.of(), null), new TestContext("t", allocator), Checkpoint.empty())) {
      assertThat(source.read(10, Duration.ofMillis(20))).isEqualTo(SourceChunk.IDLE);
      assertThat(source.schema()).isNull();
    }
  }

  @Test
  void readEndsAfterTheLastChangeWhenTheEngineStopsNormally() throws Exception {
    var engine = new RecordedEngine(List.of(PgRecords.snapshot(1, 50, true)), new ChangeQueue.Outcome(true, "snapshot only", null));
    try (var allocator = new RootAllocator(); var source = RecordedEngine.open(new PostgresDialect(), engine,
        new TestContext("t", allocator), Checkpoint.empty())) {
      assertThat(Rows.read(source, 1, Duration.ofSeconds(5))).hasSize(1);
      assertThat(source.read(10, Duration.ofMillis(20))).isEqualTo(SourceChunk.END);
    }
  }

  @Test
  void anEngineFailureComesOutOfReadWithItsCause() throws Exception {
    var cause = new RuntimeException("wrapper", new java.net.ConnectException("Connection refused"));
    var engine = new RecordedEngine(List.of(), new ChangeQueue.Outcome(false, "Connector configuration is not valid", cause));
    try (var allocator = new RootAllocator(); var source = RecordedEngine.open(new PostgresDialect(), engine,
        new TestContext("t", allocator), Checkpoint.empty())) {
      assertThatThrownBy(() -> source.read(10, Duration.ofMillis(20))).isInstanceOf(IOException.class)
          .hasMessageContaining("postgres_cdc t").hasMessageContaining("Connector configuration is not valid")
          .hasMessageContaining("Connection refused").hasRootCauseInstanceOf(java.net.ConnectException.class);
    }
  }

  @Test
  void aRedoneSnapshotCountsOnFromTheCheckpoint() throws Exception {
    Position stored = new Position("postgres_cdc:t:snapshot", 41, "");
    var engine = new RecordedEngine(List.of(PgRecords.snapshot(1, 50, false), PgRecords.snapshot(2, 50, true)), null);
    try (var allocator = new RootAllocator(); var source = RecordedEngine.open(new PostgresDialect(), engine,
        new TestContext("t", allocator), Checkpoint.of(stored))) {
      assertThat(Rows.read(source, 2, Duration.ofSeconds(5))).extracting(r -> r.position().sequence()).containsExactly(42L, 43L);
    }
  }

  @Test
  void acknowledgeHandsTheCommittedOffsetsToTheEngineOnce() throws Exception {
    var engine = new RecordedEngine(List.of(PgRecords.snapshot(1, 50, true), PgRecords.insert("items", 2, 60, 70),
        PgRecords.insert("items", 3, 80, 90)), null);
    try (var allocator = new RootAllocator(); var source = RecordedEngine.open(new PostgresDialect(), engine,
        new TestContext("t", allocator), Checkpoint.empty())) {
      List<Position> p = Rows.read(source, 3, Duration.ofSeconds(5)).stream().map(Rows.Row::position).toList();
      source.acknowledge(Checkpoint.of(p.get(0), p.get(1)));
      assertThat(engine.committed).extracting(o -> o.get("lsn")).containsExactly(50L, 70L);
      source.acknowledge(Checkpoint.of(p.get(0), p.get(1)));
      assertThat(engine.committed).hasSize(2);
      source.acknowledge(Checkpoint.of(p.get(0), p.get(2)));
      assertThat(engine.committed).extracting(o -> o.get("lsn")).containsExactly(50L, 70L, 90L);
    }
  }

  @Test
  void aHeartbeatIsAcknowledgedWithTheChangeBeforeIt() throws Exception {
    var engine = new RecordedEngine(List.of(PgRecords.insert("items", 1, 60, 70), PgRecords.heartbeat(75)), null);
    try (var allocator = new RootAllocator(); var source = RecordedEngine.open(new PostgresDialect(), engine,
        new TestContext("t", allocator), Checkpoint.empty())) {
      Position p = Rows.read(source, 1, Duration.ofSeconds(5)).get(0).position();
      assertThat(source.read(10, Duration.ofMillis(50))).isEqualTo(SourceChunk.IDLE);
      assertThat(engine.committed).isEmpty();
      source.acknowledge(Checkpoint.of(p));
      assertThat(engine.committed).extracting(o -> o.get("lsn")).containsExactly(70L, 75L);
    }
  }

  @Test
  void aHeartbeatAfterCommittedChangesGoesToTheEngineAtOnce() throws Exception {
    var engine = new RecordedEngine(List.of(PgRecords.heartbeat(75)), null);
    try (var allocator = new RootAllocator(); var source = RecordedEngine.open(new PostgresDialect(), engine,
        new TestContext("t", allocator), Checkpoint.empty())) {
      assertThat(source.read(10, Duration.ofMillis(50))).isEqualTo(SourceChunk.IDLE);
      assertThat(engine.committed).extracting(o -> o.get("lsn")).containsExactly(75L);
    }
  }

  @Test
  void aChangeArrowCannotTakeGoesToTheDeadLetterOutputAndTheRestGoesOn() throws Exception {
    var row = org.apache.kafka.connect.data.SchemaBuilder.struct().name("t.public.items.Value").optional()
        .field("id", org.apache.kafka.connect.data.Schema.INT32_SCHEMA)
        .field("at", io.debezium.time.ZonedTimestamp.builder().optional().build()).build();
    var envelope = io.debezium.data.Envelope.defineSchema().withName("t.public.items.Envelope").withRecord(row)
        .withSource(PgRecords.SOURCE).build();
    List<SourceRecord> records = new ArrayList<>();
    String[] times = {"2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z", "not a time", "2024-05-01T12:00:00Z"};
    for (int i = 0; i < times.length; i++) {
      var source = new org.apache.kafka.connect.data.Struct(PgRecords.SOURCE).put("ts_ms", 1L).put("schema", "public")
          .put("table", "items").put("txId", 1L).put("lsn", 100L + i);
      var value = envelope.create(new org.apache.kafka.connect.data.Struct(row).put("id", i).put("at", times[i]), source, java.time.Instant.EPOCH);
      records.add(new SourceRecord(java.util.Map.of("server", "t"), java.util.Map.of("lsn", 100L + i), "t.public.items",
          PgRecords.KEY, new org.apache.kafka.connect.data.Struct(PgRecords.KEY).put("id", i), envelope.schema(), value));
    }
    try (var allocator = new RootAllocator(); var source = RecordedEngine.open(new PostgresDialect(),
        new RecordedEngine(records, null), new TestContext("t", allocator), Checkpoint.empty())) {
      List<Rows.Row> before = Rows.rows((SourceChunk.Columnar) source.read(10, Duration.ofSeconds(5)));
      assertThat(before).extracting(r -> r.get("id")).containsExactly(0, 1);
      SourceChunk.Unreadable bad = (SourceChunk.Unreadable) source.read(10, Duration.ofSeconds(5));
      assertThat(bad.letter().error()).contains("not a time");
      assertThat(new String(bad.letter().raw(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"id\":2");
      assertThat(bad.position().sequence()).isEqualTo(3);
      List<Rows.Row> after = Rows.rows((SourceChunk.Columnar) source.read(10, Duration.ofSeconds(5)));
      assertThat(after).extracting(r -> r.get("id")).containsExactly(3);
    }
  }

  @Test
  void closeStopsTheEngine() throws Exception {
    var engine = new RecordedEngine(List.of(), null);
    try (var allocator = new RootAllocator()) {
      var source = RecordedEngine.open(new PostgresDialect(), engine, new TestContext("t", allocator), Checkpoint.empty());
      source.read(1, Duration.ofMillis(1));
      source.close();
      assertThat(engine.closed).isTrue();
    }
  }

  @Test
  void theEngineIsNamedForItsPipelineAndUsesTheLogproOffsetStore() throws Exception {
    var engine = new RecordedEngine(List.of(), null);
    try (var allocator = new RootAllocator(); var source = RecordedEngine.open(new PostgresDialect(), engine,
        new TestContext("t", allocator), Checkpoint.empty())) {
      source.read(1, Duration.ofMillis(1));
      assertThat(engine.properties.getProperty("offset.storage")).isEqualTo(LogproOffsetStore.class.getName());
      assertThat(engine.properties.getProperty("name")).startsWith("logpro-t-");
    }
  }
}
