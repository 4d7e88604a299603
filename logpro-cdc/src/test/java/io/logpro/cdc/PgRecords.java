package io.logpro.cdc;

import io.debezium.data.Envelope;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/** PostgreSQL-shaped change records (source block and offset as the connector writes them) for unit tests. */
final class PgRecords {
  static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
      .field("ts_ms", Schema.INT64_SCHEMA).field("schema", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA)
      .field("txId", Schema.OPTIONAL_INT64_SCHEMA).field("lsn", Schema.OPTIONAL_INT64_SCHEMA).build();
  static final Schema KEY = SchemaBuilder.struct().name("t.public.items.Key").field("id", Schema.INT32_SCHEMA).build();
  static final Schema ROW = SchemaBuilder.struct().name("t.public.items.Value").optional()
      .field("id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
  static final Envelope ENVELOPE = Envelope.defineSchema().withName("t.public.items.Envelope").withRecord(ROW).withSource(SOURCE).build();

  private PgRecords() {}

  static SourceRecord insert(String table, int id, long lsnCommit, long lsn) {
    Struct row = new Struct(ROW).put("id", id).put("name", "n" + id);
    Struct source = new Struct(SOURCE).put("ts_ms", 1_700_000_000_000L).put("schema", "public").put("table", table)
        .put("txId", 700L).put("lsn", lsn);
    Map<String, Object> offset = new HashMap<>();
    offset.put("lsn", lsn);
    offset.put("lsn_proc", lsn);
    if (lsnCommit > 0) offset.put("lsn_commit", lsnCommit);
    offset.put("txId", 700L);
    return new SourceRecord(Map.of("server", "t"), offset, "t.public." + table, KEY, new Struct(KEY).put("id", id),
        ENVELOPE.schema(), ENVELOPE.create(row, source, Instant.EPOCH));
  }

  static SourceRecord snapshot(int id, long lsn, boolean last) {
    Struct row = new Struct(ROW).put("id", id).put("name", "n" + id);
    Struct source = new Struct(SOURCE).put("ts_ms", 1_700_000_000_000L).put("schema", "public").put("table", "items")
        .put("txId", 600L).put("lsn", lsn);
    Map<String, Object> offset = new HashMap<>(Map.of("lsn", lsn, "txId", 600L, "snapshot", "INITIAL", "snapshot_completed", last));
    if (last) offset.put("last_snapshot_record", true);
    return new SourceRecord(Map.of("server", "t"), offset, "t.public.items", KEY, new Struct(KEY).put("id", id),
        ENVELOPE.schema(), ENVELOPE.read(row, source, Instant.EPOCH));
  }

  /** A Debezium heartbeat: no rows, an offset. */
  static SourceRecord heartbeat(long lsn) {
    Schema key = SchemaBuilder.struct().name("io.debezium.connector.common.ServerNameKey").field("serverName", Schema.STRING_SCHEMA).build();
    Schema value = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat").field("ts_ms", Schema.INT64_SCHEMA).build();
    return new SourceRecord(Map.of("server", "t"), Map.of("lsn", lsn, "lsn_proc", lsn, "lsn_commit", lsn), "__debezium-heartbeat.t",
        key, new Struct(key).put("serverName", "t"), value, new Struct(value).put("ts_ms", 1L));
  }
}
