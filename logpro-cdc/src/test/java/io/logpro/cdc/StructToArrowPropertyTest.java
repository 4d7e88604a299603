package io.logpro.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.data.Envelope;
import io.logpro.api.Checkpoint;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.apache.arrow.memory.RootAllocator;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * Random Debezium row schemas (every supported type, optional fields, nulls) and random changes
 * go through the source; the Arrow rows read back equal the inputs.
 */
class StructToArrowPropertyTest {
  private static final long SEED = 20240501L;
  private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mysql.Source")
      .field("db", Schema.STRING_SCHEMA).field("table", Schema.OPTIONAL_STRING_SCHEMA).field("ts_ms", Schema.INT64_SCHEMA)
      .field("gtid", Schema.OPTIONAL_STRING_SCHEMA).field("file", Schema.STRING_SCHEMA).field("pos", Schema.INT64_SCHEMA)
      .field("row", Schema.INT32_SCHEMA).build();

  /** A column kind: its Connect schema, a random value, and the value Arrow gives back. */
  private record Kind(String name, Function<Boolean, SchemaBuilder> schema, Function<Random, Object> value, Function<Object, Object> expected) {}

  private static final List<Kind> KINDS = kinds();

  private static List<Kind> kinds() {
    List<Kind> k = new ArrayList<>();
    k.add(new Kind("int8", o -> SchemaBuilder.int8(), r -> (byte) r.nextInt(), v -> v));
    k.add(new Kind("int16", o -> SchemaBuilder.int16(), r -> (short) r.nextInt(), v -> v));
    k.add(new Kind("int32", o -> SchemaBuilder.int32(), Random::nextInt, v -> v));
    k.add(new Kind("int64", o -> SchemaBuilder.int64(), Random::nextLong, v -> v));
    k.add(new Kind("float32", o -> SchemaBuilder.float32(), r -> r.nextFloat() * 1e6f - 5e5f, v -> v));
    k.add(new Kind("float64", o -> SchemaBuilder.float64(), r -> r.nextGaussian() * 1e12, v -> v));
    k.add(new Kind("bool", o -> SchemaBuilder.bool(), Random::nextBoolean, v -> v));
    k.add(new Kind("string", o -> SchemaBuilder.string(), StructToArrowPropertyTest::text, v -> v));
    k.add(new Kind("json", o -> SchemaBuilder.string().name("io.debezium.data.Json"), r -> "{\"n\": " + r.nextInt() + "}", v -> v));
    k.add(new Kind("uuid", o -> SchemaBuilder.string().name("io.debezium.data.Uuid"), r -> new java.util.UUID(r.nextLong(), r.nextLong()).toString(), v -> v));
    k.add(new Kind("bytes", o -> SchemaBuilder.bytes(), StructToArrowPropertyTest::bytes, v -> HexFormat.of().formatHex((byte[]) v)));
    k.add(new Kind("bytebuffer", o -> SchemaBuilder.bytes(), r -> ByteBuffer.wrap(bytes(r)), v -> HexFormat.of().formatHex(((ByteBuffer) v).array())));
    for (int[] ps : new int[][] {{1, 0}, {12, 2}, {18, 6}, {38, 10}, {38, 0}}) {
      int precision = ps[0];
      int scale = ps[1];
      k.add(new Kind("decimal" + precision + "_" + scale,
          o -> io.debezium.data.SpecialValueDecimal.builder(io.debezium.jdbc.JdbcValueConverters.DecimalMode.PRECISE, precision, scale),
          r -> new BigDecimal(new BigInteger(precision * 3, r).mod(BigInteger.TEN.pow(precision)), scale).multiply(BigDecimal.valueOf(r.nextBoolean() ? 1 : -1)),
          v -> v));
    }
    k.add(new Kind("decimal50_5", o -> io.debezium.data.SpecialValueDecimal.builder(io.debezium.jdbc.JdbcValueConverters.DecimalMode.PRECISE, 50, 5),
        r -> new BigDecimal(new BigInteger(160, r), 5), v -> ((BigDecimal) v).toPlainString()));
    k.add(new Kind("variable_scale", o -> io.debezium.data.VariableScaleDecimal.builder(),
        r -> io.debezium.data.VariableScaleDecimal.fromLogical(io.debezium.data.VariableScaleDecimal.builder().build(),
            new BigDecimal(BigInteger.valueOf(r.nextLong()), r.nextInt(12))),
        v -> ConnectColumns.variableScale((Struct) v).toPlainString()));
    k.add(new Kind("date", o -> io.debezium.time.Date.builder(), r -> r.nextInt(80_000) - 30_000, v -> v));
    k.add(new Kind("connect_date", o -> org.apache.kafka.connect.data.Date.builder(),
        r -> new java.util.Date((r.nextInt(80_000) - 30_000) * 86_400_000L), v -> (int) (((java.util.Date) v).getTime() / 86_400_000L)));
    k.add(new Kind("time_millis", o -> io.debezium.time.Time.builder(), r -> r.nextInt(86_400_000), v -> ((Integer) v) * 1000L));
    k.add(new Kind("micro_time", o -> io.debezium.time.MicroTime.builder(), r -> (long) (r.nextDouble() * 86_400_000_000L), v -> v));
    k.add(new Kind("nano_time", o -> io.debezium.time.NanoTime.builder(), r -> (long) (r.nextDouble() * 86_400_000_000_000L), v -> ((Long) v) / 1000));
    k.add(new Kind("connect_time", o -> org.apache.kafka.connect.data.Time.builder(), r -> new java.util.Date(r.nextInt(86_400_000)),
        v -> ((java.util.Date) v).getTime() * 1000));
    k.add(new Kind("timestamp_millis", o -> io.debezium.time.Timestamp.builder(), r -> r.nextLong() % 4_000_000_000_000L,
        v -> local((Long) v * 1000)));
    k.add(new Kind("micro_timestamp", o -> io.debezium.time.MicroTimestamp.builder(), r -> r.nextLong() % 4_000_000_000_000_000L,
        v -> local((Long) v)));
    k.add(new Kind("nano_timestamp", o -> io.debezium.time.NanoTimestamp.builder(), r -> r.nextLong() % 4_000_000_000_000_000_000L,
        v -> local(Math.floorDiv((Long) v, 1000L))));
    k.add(new Kind("connect_timestamp", o -> org.apache.kafka.connect.data.Timestamp.builder(),
        r -> new java.util.Date(r.nextLong() % 4_000_000_000_000L), v -> local(((java.util.Date) v).getTime() * 1000)));
    k.add(new Kind("zoned_timestamp", o -> io.debezium.time.ZonedTimestamp.builder(), r -> zoned(r),
        v -> ChronoUnit.MICROS.between(Instant.EPOCH, java.time.OffsetDateTime.parse((String) v).toInstant())));
    k.add(new Kind("int_array", o -> SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA),
        r -> list(r, () -> r.nextInt(5) == 0 ? null : r.nextInt()), v -> v));
    k.add(new Kind("text_array", o -> SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA),
        r -> list(r, () -> r.nextInt(5) == 0 ? null : text(r)), v -> v));
    k.add(new Kind("double_array", o -> SchemaBuilder.array(Schema.FLOAT64_SCHEMA), r -> list(r, r::nextDouble), v -> v));
    return k;
  }

  @Test
  void randomRowsReadBackEqualTheirInput() throws Exception {
    Random random = new Random(SEED);
    for (int round = 0; round < 150; round++) {
      checkRound(random, round);
    }
  }

  private void checkRound(Random random, int round) throws Exception {
    int columns = 1 + random.nextInt(8);
    List<Kind> kinds = new ArrayList<>();
    List<Boolean> optional = new ArrayList<>();
    SchemaBuilder rowBuilder = SchemaBuilder.struct().name("t.db.items.Value").optional();
    rowBuilder.field("k", Schema.INT32_SCHEMA);
    for (int i = 0; i < columns; i++) {
      Kind kind = KINDS.get(random.nextInt(KINDS.size()));
      boolean opt = random.nextBoolean();
      kinds.add(kind);
      optional.add(opt);
      SchemaBuilder b = kind.schema().apply(opt);
      if (opt) b.optional();
      rowBuilder.field("c" + i + "_" + kind.name(), b.build());
    }
    Schema row = rowBuilder.build();
    Schema key = SchemaBuilder.struct().name("t.db.items.Key").field("k", Schema.INT32_SCHEMA).build();
    Envelope envelope = Envelope.defineSchema().withName("t.db.items.Envelope").withRecord(row).withSource(SOURCE).build();

    int n = 1 + random.nextInt(40);
    List<SourceRecord> records = new ArrayList<>();
    List<Map<String, Object>> expected = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      Struct values = new Struct(row).put("k", r);
      Map<String, Object> want = new LinkedHashMap<>();
      want.put("k", r);
      for (int i = 0; i < columns; i++) {
        String name = row.fields().get(i + 1).name();
        Object v = optional.get(i) && random.nextInt(4) == 0 ? null : kinds.get(i).value().apply(random);
        if (v instanceof Struct s) {
          // A struct value must carry its field's own (optional or required) schema.
          v = new Struct(row.field(name).schema()).put("scale", s.get("scale")).put("value", s.get("value"));
        }
        values.put(name, v);
        want.put(name, v == null ? null : kinds.get(i).expected().apply(v));
      }
      String op = List.of("c", "u", "d", "r").get(random.nextInt(4));
      Struct source = new Struct(SOURCE).put("db", "db").put("table", "items").put("ts_ms", 1_700_000_000_000L + r)
          .put("gtid", r % 2 == 0 ? null : "0-1-" + r).put("file", "bin.000007").put("pos", 4_000L + 100L * r).put("row", 0);
      Struct value = switch (op) {
        case "c" -> envelope.create(values, source, Instant.EPOCH);
        case "u" -> envelope.update(values, values, source, Instant.EPOCH);
        case "d" -> envelope.delete(values, source, Instant.EPOCH);
        default -> envelope.read(values, source, Instant.EPOCH);
      };
      want.put("_op", op);
      want.put("_table", "db.items");
      want.put("_source_ts", 1_700_000_000_000L + r);
      want.put("_tx_id", r % 2 == 0 ? null : "0-1-" + r);
      want.put("_binlog_file", "bin.000007");
      want.put("_binlog_pos", 4_000L + 100L * r);
      expected.add(want);
      records.add(new SourceRecord(Map.of("server", "t"), Map.of("file", "bin.000007", "pos", 4_000L + 100L * r), "t.db.items",
          key, new Struct(key).put("k", r), envelope.schema(), value));
    }

    try (var allocator = new RootAllocator(); var source = RecordedEngine.open(new MySqlDialect(), new RecordedEngine(records, null),
        new TestContext("t", allocator), Checkpoint.empty())) {
      List<Rows.Row> rows = Rows.read(source, n, Duration.ofSeconds(10));
      for (int r = 0; r < n; r++) {
        Map<String, Object> got = new LinkedHashMap<>(rows.get(r).values());
        got.replaceAll((name, v) -> v instanceof byte[] b ? HexFormat.of().formatHex(b) : v);
        assertThat(got).as("round %d row %d of %s", round, r, row.fields()).isEqualTo(expected.get(r));
      }
      assertThat(rows.get(0).schema().findField("k").getMetadata()).containsEntry("logpro.key", "true");
    }
  }

  private static LocalDateTime local(long micros) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
  }

  private static String zoned(Random r) {
    long micros = r.nextLong() % 4_000_000_000_000_000L;
    Instant t = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    ZoneOffset zone = ZoneOffset.ofHoursMinutes(r.nextInt(25) - 12, 0);
    return t.atOffset(zone).toString();
  }

  private static String text(Random r) {
    int len = r.nextInt(12);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      int pick = r.nextInt(4);
      sb.appendCodePoint(switch (pick) {
        case 0 -> 'a' + r.nextInt(26);
        case 1 -> 0xe0 + r.nextInt(30);
        case 2 -> 0x4e00 + r.nextInt(500);
        default -> 0x1f600 + r.nextInt(50);
      });
    }
    return sb.toString();
  }

  private static byte[] bytes(Random r) {
    byte[] b = new byte[r.nextInt(20)];
    r.nextBytes(b);
    return b;
  }

  private static <T> List<T> list(Random r, java.util.function.Supplier<T> element) {
    int n = r.nextInt(5);
    List<T> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(element.get());
    return out;
  }
}
