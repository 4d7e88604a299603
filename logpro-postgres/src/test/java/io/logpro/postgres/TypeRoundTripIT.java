package io.logpro.postgres;

import static io.logpro.postgres.ArrowRows.INT32;
import static io.logpro.postgres.ArrowRows.UTF8;
import static io.logpro.postgres.ArrowRows.field;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

/**
 * Every Arrow type the sink maps: written through binary COPY into a table the sink creates,
 * read back over JDBC, compared value by value, nulls included.
 */
class TypeRoundTripIT extends SinkTestBase {

  /** Writes {@code values} as column v (with id 0..n-1) into a new table; returns the table. */
  private String roundTrip(Field value, Object... values) throws Exception {
    String table = newTable();
    PostgresSink sink = open(ArrowRows.config(db, table));
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < values.length; i++) rows.add(new Object[] {i, values[i]});
    write(sink, batch(schema(field("id", INT32), value), rows, 1));
    sink.commit(at(1));
    assertThat(context.rejects).isEmpty();
    return table;
  }

  private static <T> List<T> read(String table, String expression, Class<T> type) throws Exception {
    return column("SELECT " + expression + " FROM " + table + " ORDER BY id", type);
  }

  private static String typeOf(String table, String column) throws Exception {
    return (String) db.value("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '" + table
        + "'::regclass AND attname = '" + column + "'");
  }

  @Test
  void integersOfEveryWidthKeepTheirExtremes() throws Exception {
    String t8 = roundTrip(field("v", new ArrowType.Int(8, true)), (byte) -128, (byte) 127, null, (byte) 0);
    assertThat(typeOf(t8, "v")).isEqualTo("smallint");
    assertThat(read(t8, "v", Integer.class)).containsExactly(-128, 127, null, 0);

    String t16 = roundTrip(field("v", new ArrowType.Int(16, true)), Short.MIN_VALUE, Short.MAX_VALUE, null);
    assertThat(typeOf(t16, "v")).isEqualTo("smallint");
    assertThat(read(t16, "v", Integer.class)).containsExactly((int) Short.MIN_VALUE, (int) Short.MAX_VALUE, null);

    String t32 = roundTrip(field("v", INT32), Integer.MIN_VALUE, Integer.MAX_VALUE, null, -1);
    assertThat(typeOf(t32, "v")).isEqualTo("integer");
    assertThat(read(t32, "v", Integer.class)).containsExactly(Integer.MIN_VALUE, Integer.MAX_VALUE, null, -1);

    String t64 = roundTrip(field("v", ArrowRows.INT64), Long.MIN_VALUE, Long.MAX_VALUE, null, 0L);
    assertThat(typeOf(t64, "v")).isEqualTo("bigint");
    assertThat(read(t64, "v", Long.class)).containsExactly(Long.MIN_VALUE, Long.MAX_VALUE, null, 0L);

    String u32 = roundTrip(field("v", new ArrowType.Int(32, false)), 0xFFFF_FFFFL, null);
    assertThat(typeOf(u32, "v")).isEqualTo("bigint");
    assertThat(read(u32, "v", Long.class)).containsExactly(4_294_967_295L, null);
  }

  @Test
  void floatsKeepNaNInfinitiesAndExtremes() throws Exception {
    String t8 = roundTrip(field("v", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 0.1, null);
    assertThat(typeOf(t8, "v")).isEqualTo("double precision");
    assertThat(read(t8, "v", Double.class)).containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
        Double.MIN_VALUE, Double.MAX_VALUE, 0.1, null);

    String t4 = roundTrip(field("v", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
        Float.NaN, Float.NEGATIVE_INFINITY, Float.MAX_VALUE, 1.5f, null);
    assertThat(typeOf(t4, "v")).isEqualTo("real");
    assertThat(read(t4, "v", Float.class)).containsExactly(Float.NaN, Float.NEGATIVE_INFINITY, Float.MAX_VALUE, 1.5f, null);
  }

  @Test
  void decimalsKeepSignScaleAndThirtyEightDigits() throws Exception {
    List<BigDecimal> values = Arrays.asList(new BigDecimal("0.0000000000"), new BigDecimal("-0.0000000001"),
        new BigDecimal("1234567890123456789012345678.9012345678"), new BigDecimal("-9999999999999999999999999999.9999999999"),
        new BigDecimal("10000.0000000000"), new BigDecimal("-42.5000000000"), null);
    String t = roundTrip(field("v", new ArrowType.Decimal(38, 10, 128)), values.toArray());
    assertThat(typeOf(t, "v")).isEqualTo("numeric(38,10)");
    assertThat(read(t, "v", BigDecimal.class)).containsExactlyElementsOf(values);
  }

  @Test
  void decimalsWithoutScaleAndWiderThan128BitsRoundTrip() throws Exception {
    String t0 = roundTrip(field("v", new ArrowType.Decimal(18, 0, 128)), new BigDecimal("-999999999999999999"), new BigDecimal("7"));
    assertThat(read(t0, "v", BigDecimal.class)).containsExactly(new BigDecimal("-999999999999999999"), new BigDecimal("7"));

    BigDecimal huge = new BigDecimal("-1234567890123456789012345678901234567890.12345678901234567890");
    String t256 = roundTrip(field("v", new ArrowType.Decimal(60, 20, 256)), huge, null);
    assertThat(typeOf(t256, "v")).isEqualTo("numeric(60,20)");
    assertThat(read(t256, "v", BigDecimal.class)).containsExactly(huge, null);
  }

  @Test
  void integersAndFloatsGoIntoAnExistingNumericColumn() throws Exception {
    String table = newTable();
    db.execute("CREATE TABLE " + table + " (id int, i numeric, f numeric)");
    PostgresSink sink = open(ArrowRows.config(db, table));
    var schema = schema(field("id", INT32), field("i", ArrowRows.INT64), field("f", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)));
    write(sink, batch(schema, ArrowRows.rows(
        new Object[] {0, Long.MIN_VALUE, 0.1},
        new Object[] {1, Long.MAX_VALUE, Double.NaN},
        new Object[] {2, -1L, -1.5e-10},
        new Object[] {3, null, Double.POSITIVE_INFINITY}), 1));
    sink.commit(at(1));

    assertThat(read(table, "i", BigDecimal.class)).containsExactly(BigDecimal.valueOf(Long.MIN_VALUE), BigDecimal.valueOf(Long.MAX_VALUE),
        BigDecimal.valueOf(-1), null);
    assertThat(read(table, "f::text", String.class)).containsExactly("0.1", "NaN", "-0.00000000015", "Infinity");
  }

  @Test
  void textKeepsUnicodeQuotesAndControlCharacters() throws Exception {
    Object[] values = {"", "héllo wörld", "日本語のテキスト", "🎉 emoji 👍🏽", "quote \" and ' and \\ backslash", "tab\tnew\nline", null};
    String t = roundTrip(field("v", UTF8), values);
    assertThat(typeOf(t, "v")).isEqualTo("text");
    assertThat(read(t, "v", String.class)).containsExactly(Arrays.copyOf(values, values.length, String[].class));

    String large = roundTrip(field("v", ArrowType.LargeUtf8.INSTANCE), "große", null);
    assertThat(read(large, "v", String.class)).containsExactly("große", null);
  }

  @Test
  void bytesAndBooleansRoundTrip() throws Exception {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) all[i] = (byte) i;
    String bytes = roundTrip(field("v", ArrowType.Binary.INSTANCE), all, new byte[0], null);
    assertThat(typeOf(bytes, "v")).isEqualTo("bytea");
    assertThat(read(bytes, "v", byte[].class)).containsExactly(all, new byte[0], null);

    String bools = roundTrip(field("v", ArrowType.Bool.INSTANCE), true, false, null);
    assertThat(typeOf(bools, "v")).isEqualTo("boolean");
    assertThat(read(bools, "v", Boolean.class)).containsExactly(true, false, null);
  }

  @Test
  void datesAndTimesBefore1970RoundTrip() throws Exception {
    String dates = roundTrip(field("v", new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY)),
        LocalDate.of(1, 1, 1), LocalDate.of(1900, 1, 1), LocalDate.of(1969, 12, 31), LocalDate.of(2024, 2, 29), null);
    assertThat(typeOf(dates, "v")).isEqualTo("date");
    assertThat(read(dates, "v", LocalDate.class)).containsExactly(LocalDate.of(1, 1, 1), LocalDate.of(1900, 1, 1),
        LocalDate.of(1969, 12, 31), LocalDate.of(2024, 2, 29), null);

    String times = roundTrip(field("v", new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
        LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_000), null);
    assertThat(typeOf(times, "v")).isEqualTo("time without time zone");
    assertThat(read(times, "v", LocalTime.class)).containsExactly(LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_000), null);
  }

  @Test
  void timestampsOfEveryUnitBefore1970RoundTrip() throws Exception {
    LocalDateTime[] values = {LocalDateTime.of(1900, 1, 1, 0, 0, 0, 1_000), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000),
        LocalDateTime.of(2000, 1, 1, 0, 0), LocalDateTime.of(2024, 6, 30, 12, 34, 56, 789_012_000)};
    String micros = roundTrip(field("v", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)), (Object[]) values);
    assertThat(typeOf(micros, "v")).isEqualTo("timestamp without time zone");
    assertThat(read(micros, "v", LocalDateTime.class)).containsExactly(values);

    String nanos = roundTrip(field("v", new ArrowType.Timestamp(TimeUnit.NANOSECOND, null)),
        LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_500), null);
    assertThat(read(nanos, "v", LocalDateTime.class)).as("nanoseconds truncate toward the past")
        .containsExactly(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), null);

    String millis = roundTrip(field("v", new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)), LocalDateTime.of(1950, 5, 6, 7, 8, 9, 10_000_000));
    assertThat(read(millis, "v", LocalDateTime.class)).containsExactly(LocalDateTime.of(1950, 5, 6, 7, 8, 9, 10_000_000));

    String seconds = roundTrip(field("v", new ArrowType.Timestamp(TimeUnit.SECOND, null)), LocalDateTime.of(1800, 1, 1, 0, 0, 1));
    assertThat(read(seconds, "v", LocalDateTime.class)).containsExactly(LocalDateTime.of(1800, 1, 1, 0, 0, 1));
  }

  @Test
  void zonedTimestampsBecomeTimestamptzAtTheSameInstant() throws Exception {
    Instant[] values = {Instant.parse("1960-02-03T04:05:06.123456Z"), Instant.parse("2024-12-31T23:59:59.999999Z")};
    String t = roundTrip(field("v", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")), values[0], values[1], null);
    assertThat(typeOf(t, "v")).isEqualTo("timestamp with time zone");
    assertThat(read(t, "v", OffsetDateTime.class)).extracting(o -> o == null ? null : o.toInstant())
        .containsExactly(values[0], values[1], null);
  }

  @Test
  void uuidsFromTextAndFromSixteenBytes() throws Exception {
    UUID a = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    UUID b = UUID.randomUUID();
    String text = roundTrip(field("v", UTF8, Map.of("logpro.sql_type", "uuid")), a.toString(), b.toString().toUpperCase(),
        b.toString().replace("-", ""), null);
    assertThat(typeOf(text, "v")).isEqualTo("uuid");
    assertThat(read(text, "v", UUID.class)).containsExactly(a, b, b, null);

    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16).putLong(a.getMostSignificantBits()).putLong(a.getLeastSignificantBits());
    String binary = roundTrip(field("v", new ArrowType.FixedSizeBinary(16), Map.of("logpro.sql_type", "uuid")), bytes.array(), null);
    assertThat(typeOf(binary, "v")).isEqualTo("uuid");
    assertThat(read(binary, "v", UUID.class)).containsExactly(a, null);
  }

  @Test
  void jsonAndJsonbFromText() throws Exception {
    String json = roundTrip(field("v", UTF8, Map.of("logpro.sql_type", "json")), "{\"a\":  [1, 2]}", "\"ünï\"", null);
    assertThat(typeOf(json, "v")).isEqualTo("json");
    assertThat(read(json, "v::text", String.class)).containsExactly("{\"a\":  [1, 2]}", "\"ünï\"", null);

    String jsonb = roundTrip(field("v", UTF8, Map.of("logpro.sql_type", "jsonb")), "{\"b\":true,\"a\":[1,null,\"x\"]}", "[]", null);
    assertThat(typeOf(jsonb, "v")).isEqualTo("jsonb");
    assertThat(read(jsonb, "v::text", String.class)).containsExactly("{\"a\": [1, null, \"x\"], \"b\": true}", "[]", null);
  }

  @Test
  void listsBecomeArraysWithNullsAndEmptyOnes() throws Exception {
    String ints = roundTrip(ArrowRows.list("v", field("item", INT32)), List.of(1, 2, 3), List.of(), Arrays.asList(null, -5), null);
    assertThat(typeOf(ints, "v")).isEqualTo("integer[]");
    assertThat(read(ints, "v::text", String.class)).containsExactly("{1,2,3}", "{}", "{NULL,-5}", null);

    String texts = roundTrip(ArrowRows.list("v", field("item", UTF8)), Arrays.asList("a", null, "b,c", "quote\"d", "ü"));
    assertThat(typeOf(texts, "v")).isEqualTo("text[]");
    assertThat(column("SELECT v FROM " + texts, java.sql.Array.class).get(0).getArray())
        .isEqualTo(new String[] {"a", null, "b,c", "quote\"d", "ü"});

    UUID u = UUID.randomUUID();
    String uuids = roundTrip(ArrowRows.list("v", field("item", UTF8), Map.of("logpro.sql_type", "_uuid")), List.of(u.toString()));
    assertThat(typeOf(uuids, "v")).isEqualTo("uuid[]");
    assertThat(read(uuids, "v::text", String.class)).containsExactly("{" + u + "}");

    String decimals = roundTrip(ArrowRows.list("v", field("item", new ArrowType.Decimal(10, 2, 128))),
        List.of(new BigDecimal("1.25"), new BigDecimal("-0.01")));
    assertThat(typeOf(decimals, "v")).isEqualTo("numeric(10,2)[]");
    assertThat(read(decimals, "v::text", String.class)).containsExactly("{1.25,-0.01}");
  }

  @Test
  void durationsBecomeIntervals() throws Exception {
    String t = roundTrip(field("v", new ArrowType.Duration(TimeUnit.MICROSECOND)), Duration.ofSeconds(3723, 4_000), Duration.ofMillis(-1500), null);
    assertThat(typeOf(t, "v")).isEqualTo("interval");
    assertThat(read(t, "v::text", String.class)).containsExactly("01:02:03.000004", "-00:00:01.5", null);
  }

  @Test
  void textGoesIntoTypesWithoutABinaryEncoderThroughACast() throws Exception {
    String table = newTable();
    db.execute("CREATE TABLE " + table + " (id int, addr inet, amount numeric(6,2), label varchar(3))");
    PostgresSink sink = open(ArrowRows.config(db, table, "evolve_schema", false));
    var schema = schema(field("id", INT32), field("addr", UTF8), field("amount", UTF8), field("label", INT32));
    write(sink, batch(schema, ArrowRows.rows(new Object[] {0, "10.0.0.1/32", "12.345", 7}, new Object[] {1, null, null, null}), 1));
    sink.commit(at(1));

    assertThat(textRows("SELECT addr, amount, label FROM " + table + " ORDER BY id")).containsExactly("10.0.0.1|12.35|7", "null|null|null");
  }
}
