package io.logpro.postgres;

import static io.logpro.postgres.ArrowRows.field;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seeded random batches (random sizes, values of every kind, nulls, repeated keys, deletes,
 * sessions killed at random) through each mode; the table must equal a model of the input.
 */
class PropertyRoundTripIT extends SinkTestBase {
  private static final Schema SCHEMA = schema(
      ArrowRows.key("id", ArrowRows.INT64),
      field("i32", ArrowRows.INT32),
      field("f64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
      field("txt", ArrowRows.UTF8),
      field("flag", ArrowType.Bool.INSTANCE),
      field("dec", new ArrowType.Decimal(20, 4, 128)),
      field("ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
      field("day", new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY)),
      ArrowRows.list("ints", field("item", ArrowRows.INT32)),
      field("bin", ArrowType.Binary.INSTANCE),
      field("u", ArrowRows.UTF8, Map.of("logpro.sql_type", "uuid")),
      field("_op", ArrowRows.UTF8));
  private static final int COLUMNS = SCHEMA.getFields().size() - 1;
  private static final long MIN_MICROS = LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
  private static final long MAX_MICROS = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;

  @ParameterizedTest
  @CsvSource({"append, 11", "upsert, 12", "cdc, 13", "insert, 14", "cdc, 15"})
  void theTableEqualsTheModelOfTheInput(String mode, long seed) throws Exception {
    Random random = new Random(seed);
    String table = newTable();
    RecordingContext ctx = new RecordingContext("prop-" + mode + "-" + seed, "t", allocator);
    PostgresSink sink = open(ArrowRows.config(db, table, "mode", mode, "key", List.of("id")), ctx);
    Map<Long, Object[]> byKey = new LinkedHashMap<>();
    List<Object[]> all = new ArrayList<>();
    int batches = 6 + random.nextInt(5);
    for (int b = 1; b <= batches; b++) {
      List<Object[]> rows = new ArrayList<>();
      int size = 1 + random.nextInt(random.nextBoolean() ? 50 : 2_500);
      for (int i = 0; i < size; i++) {
        Object[] row = randomRow(random, mode);
        rows.add(row);
        all.add(row);
        if ("d".equals(row[COLUMNS])) byKey.remove((Long) row[0]);
        else byKey.put((Long) row[0], row);
      }
      if (random.nextInt(6) == 0) db.terminateSinkSessions(ctx.pipelineName());
      write(sink, batch(SCHEMA, rows, b));
      if (random.nextInt(3) == 0 || b == batches) sink.commit(at(b));
    }

    List<String> expected = new ArrayList<>();
    for (Object[] row : mode.equals("append") || mode.equals("insert") ? all : new ArrayList<>(byKey.values())) expected.add(canonical(row));
    List<String> actual = readTable(table);
    expected.sort(null);
    assertThat(actual).isEqualTo(expected);
    assertThat(ctx.rejects).isEmpty();
  }

  private static Object[] randomRow(Random r, String mode) {
    Object[] row = new Object[COLUMNS + 1];
    row[0] = mode.equals("append") || mode.equals("insert") ? r.nextLong() : (long) r.nextInt(300);
    boolean delete = mode.equals("cdc") && r.nextInt(8) == 0;
    row[COLUMNS] = mode.equals("cdc") ? (delete ? "d" : String.valueOf("cur".charAt(r.nextInt(3)))) : null;
    if (delete) return row;
    row[1] = nullOr(r, r.nextInt());
    row[2] = nullOr(r, switch (r.nextInt(8)) {
      case 0 -> Double.NaN;
      case 1 -> r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      case 2 -> Double.longBitsToDouble(r.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL) * (r.nextBoolean() ? 1 : -1);
      default -> r.nextGaussian() * 1e6;
    });
    row[3] = nullOr(r, text(r));
    row[4] = nullOr(r, r.nextBoolean());
    row[5] = nullOr(r, new BigDecimal(new BigInteger(1 + r.nextInt(62), r).multiply(BigInteger.valueOf(r.nextBoolean() ? 1 : -1)), 4));
    long micros = MIN_MICROS + (long) (r.nextDouble() * (MAX_MICROS - MIN_MICROS));
    row[6] = nullOr(r, LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC));
    row[7] = nullOr(r, LocalDate.ofEpochDay(LocalDate.of(1, 1, 1).toEpochDay() + r.nextInt(3_650_000)));
    List<Integer> ints = new ArrayList<>();
    for (int i = r.nextInt(5); i > 0; i--) ints.add(r.nextInt(10) == 0 ? null : r.nextInt());
    row[8] = nullOr(r, ints);
    byte[] bytes = new byte[r.nextInt(20)];
    r.nextBytes(bytes);
    row[9] = nullOr(r, bytes);
    UUID u = new UUID(r.nextLong(), r.nextLong());
    row[10] = nullOr(r, r.nextBoolean() ? u.toString() : u.toString().toUpperCase());
    return row;
  }

  private static Object nullOr(Random r, Object value) {
    return r.nextInt(10) == 0 ? null : value;
  }

  private static String text(Random r) {
    StringBuilder sb = new StringBuilder();
    for (int i = r.nextInt(30); i > 0; i--) {
      sb.appendCodePoint(switch (r.nextInt(5)) {
        case 0 -> 1 + r.nextInt(0x7E); // controls and ASCII, no NUL
        case 1 -> 0xA0 + r.nextInt(0x700);
        case 2 -> 0x3040 + r.nextInt(0x6000);
        case 3 -> 0x1F300 + r.nextInt(0x300);
        default -> 'a' + r.nextInt(26);
      });
    }
    return sb.toString();
  }

  /** One row as text the same way for the model and for the table. */
  private static String canonical(Object[] row) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < COLUMNS; c++) {
      Object v = row[c];
      if (v instanceof byte[] b) v = HexFormat.of().formatHex(b);
      else if (v instanceof BigDecimal d) v = d.toPlainString();
      else if (v instanceof String s && c == 10) v = s.toLowerCase();
      sb.append(v).append('|');
    }
    return sb.toString();
  }

  private static List<String> readTable(String table) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT id, i32, f64, txt, flag, dec, ts, day, ints, bin, u FROM " + table)) {
      while (rs.next()) {
        Object[] row = new Object[COLUMNS + 1];
        row[0] = rs.getObject(1, Long.class);
        row[1] = rs.getObject(2, Integer.class);
        row[2] = rs.getObject(3, Double.class);
        row[3] = rs.getString(4);
        row[4] = rs.getObject(5, Boolean.class);
        row[5] = rs.getBigDecimal(6);
        row[6] = rs.getObject(7, LocalDateTime.class);
        row[7] = rs.getObject(8, LocalDate.class);
        java.sql.Array ints = rs.getArray(9);
        row[8] = ints == null ? null : Arrays.asList((Integer[]) ints.getArray());
        row[9] = rs.getBytes(10);
        Object u = rs.getObject(11);
        row[10] = u == null ? null : u.toString();
        out.add(canonical(row));
      }
    }
    out.sort(null);
    return out;
  }
}
