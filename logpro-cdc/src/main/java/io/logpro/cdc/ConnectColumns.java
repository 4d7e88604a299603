package io.logpro.cdc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * How a Debezium (Kafka Connect) column becomes an Arrow column, following the CDC conventions:
 * ints, floats, boolean, string and bytes map one to one; Decimal (precise mode) to
 * Decimal(precision, scale, 128) (precision 38 when the source gives none); dates to DateDay; times
 * to Time(MICROSECOND, 64); timestamps to Timestamp(MICROSECOND) with zone "UTC" for zoned ones;
 * arrays to List. Whatever has no faithful Arrow counterpart becomes Utf8 text: PostgreSQL numeric
 * without a declared scale (the scale varies row by row), decimals wider than 38 digits, times with
 * a zone, maps and structs (geometries). uuid/json/xml/enum are strings already.
 */
final class ConnectColumns {
  static final String KEY = "logpro.key";
  static final String SQL_TYPE = "logpro.sql_type";
  private static final String SOURCE_TYPE = "__debezium.source.column.type";

  private ConnectColumns() {}

  /** Writes one non-null value at {@code index}. */
  @FunctionalInterface
  interface ValueWriter {
    void write(FieldVector vector, int index, Object value);
  }

  /** An Arrow field and the writer of its values. */
  record Column(Field field, ValueWriter writer) {}

  private record Mapped(ArrowType type, Mapped element, ValueWriter writer) {
    Field field(String name, Map<String, String> metadata) {
      List<Field> children = element == null ? null : List.of(element.field("item", null));
      return new Field(name, new FieldType(true, type, null, metadata), children);
    }
  }

  static Column column(String name, Schema schema, boolean key) {
    Map<String, String> metadata = new java.util.LinkedHashMap<>();
    if (key) metadata.put(KEY, "true");
    String sqlType = schema.parameters() == null ? null : schema.parameters().get(SOURCE_TYPE);
    if (sqlType != null) metadata.put(SQL_TYPE, sqlType.toLowerCase(Locale.ROOT));
    Mapped m = map(schema);
    return new Column(m.field(name, metadata.isEmpty() ? null : metadata), m.writer());
  }

  private static Mapped map(Schema schema) {
    String logical = schema.name() == null ? "" : schema.name();
    switch (logical) {
      case "org.apache.kafka.connect.data.Decimal" -> {
        return decimal(schema);
      }
      case "io.debezium.time.Date" -> {
        return new Mapped(new ArrowType.Date(DateUnit.DAY), null, (v, i, o) -> ((DateDayVector) v).setSafe(i, ((Number) o).intValue()));
      }
      case "org.apache.kafka.connect.data.Date" -> {
        return new Mapped(new ArrowType.Date(DateUnit.DAY), null,
            (v, i, o) -> ((DateDayVector) v).setSafe(i, (int) Math.floorDiv(((java.util.Date) o).getTime(), 86_400_000L)));
      }
      case "io.debezium.time.Time" -> {
        return time((v, i, o) -> ((TimeMicroVector) v).setSafe(i, ((Number) o).longValue() * 1000));
      }
      case "io.debezium.time.MicroTime" -> {
        return time((v, i, o) -> ((TimeMicroVector) v).setSafe(i, ((Number) o).longValue()));
      }
      case "io.debezium.time.NanoTime" -> {
        return time((v, i, o) -> ((TimeMicroVector) v).setSafe(i, ((Number) o).longValue() / 1000));
      }
      case "org.apache.kafka.connect.data.Time" -> {
        return time((v, i, o) -> ((TimeMicroVector) v).setSafe(i, Math.floorMod(((java.util.Date) o).getTime(), 86_400_000L) * 1000));
      }
      case "io.debezium.time.Timestamp" -> {
        return timestamp((v, i, o) -> ((TimeStampMicroVector) v).setSafe(i, ((Number) o).longValue() * 1000));
      }
      case "io.debezium.time.MicroTimestamp" -> {
        return timestamp((v, i, o) -> ((TimeStampMicroVector) v).setSafe(i, ((Number) o).longValue()));
      }
      case "io.debezium.time.NanoTimestamp" -> {
        return timestamp((v, i, o) -> ((TimeStampMicroVector) v).setSafe(i, Math.floorDiv(((Number) o).longValue(), 1000L)));
      }
      case "org.apache.kafka.connect.data.Timestamp" -> {
        return timestamp((v, i, o) -> ((TimeStampMicroVector) v).setSafe(i, ((java.util.Date) o).getTime() * 1000));
      }
      case "io.debezium.time.ZonedTimestamp" -> {
        return new Mapped(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), null,
            (v, i, o) -> ((TimeStampMicroTZVector) v).setSafe(i, zonedMicros((String) o)));
      }
      case "io.debezium.data.VariableScaleDecimal" -> {
        return utf8((v, i, o) -> text(v, i, variableScale((Struct) o).toPlainString()));
      }
      default -> {
        return byType(schema);
      }
    }
  }

  private static Mapped byType(Schema schema) {
    return switch (schema.type()) {
      case INT8 -> new Mapped(new ArrowType.Int(8, true), null, (v, i, o) -> ((TinyIntVector) v).setSafe(i, ((Number) o).byteValue()));
      case INT16 -> new Mapped(new ArrowType.Int(16, true), null, (v, i, o) -> ((SmallIntVector) v).setSafe(i, ((Number) o).shortValue()));
      case INT32 -> new Mapped(new ArrowType.Int(32, true), null, (v, i, o) -> ((IntVector) v).setSafe(i, ((Number) o).intValue()));
      case INT64 -> new Mapped(new ArrowType.Int(64, true), null, (v, i, o) -> ((BigIntVector) v).setSafe(i, ((Number) o).longValue()));
      case FLOAT32 -> new Mapped(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), null,
          (v, i, o) -> ((Float4Vector) v).setSafe(i, ((Number) o).floatValue()));
      case FLOAT64 -> new Mapped(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), null,
          (v, i, o) -> ((Float8Vector) v).setSafe(i, ((Number) o).doubleValue()));
      case BOOLEAN -> new Mapped(ArrowType.Bool.INSTANCE, null, (v, i, o) -> ((BitVector) v).setSafe(i, ((Boolean) o) ? 1 : 0));
      case STRING -> utf8((v, i, o) -> text(v, i, (String) o));
      case BYTES -> new Mapped(ArrowType.Binary.INSTANCE, null, (v, i, o) -> ((VarBinaryVector) v).setSafe(i, bytes(o)));
      case ARRAY -> list(schema.valueSchema());
      // Maps and structs (geometries, hstore as map) have no agreed Arrow layout in the conventions.
      case MAP, STRUCT -> utf8((v, i, o) -> text(v, i, String.valueOf(o)));
    };
  }

  private static Mapped decimal(Schema schema) {
    Map<String, String> p = schema.parameters() == null ? Map.of() : schema.parameters();
    int scale = Integer.parseInt(p.getOrDefault("scale", "0"));
    int precision = p.containsKey("connect.decimal.precision") ? Integer.parseInt(p.get("connect.decimal.precision")) : 38;
    if (precision > 38 || scale > precision || scale < 0) {
      return utf8((v, i, o) -> text(v, i, ((BigDecimal) o).toPlainString()));
    }
    return new Mapped(new ArrowType.Decimal(precision, scale, 128), null, (v, i, o) -> {
      BigDecimal d = (BigDecimal) o;
      if (d.scale() != scale) d = d.setScale(scale, RoundingMode.UNNECESSARY);
      ((DecimalVector) v).setSafe(i, d);
    });
  }

  private static Mapped list(Schema elementSchema) {
    Mapped element = map(elementSchema);
    return new Mapped(ArrowType.List.INSTANCE, element, (v, i, o) -> {
      ListVector list = (ListVector) v;
      List<?> values = (List<?>) o;
      FieldVector data = list.getDataVector();
      int start = list.startNewValue(i);
      for (int j = 0; j < values.size(); j++) {
        Object e = values.get(j);
        if (e == null) data.setNull(start + j);
        else element.writer().write(data, start + j, e);
      }
      list.endValue(i, values.size());
    });
  }

  private static Mapped time(ValueWriter w) {
    return new Mapped(new ArrowType.Time(TimeUnit.MICROSECOND, 64), null, w);
  }

  private static Mapped timestamp(ValueWriter w) {
    return new Mapped(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), null, w);
  }

  private static Mapped utf8(ValueWriter w) {
    return new Mapped(ArrowType.Utf8.INSTANCE, null, w);
  }

  static void text(FieldVector v, int i, String s) {
    ((VarCharVector) v).setSafe(i, s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] bytes(Object o) {
    if (o instanceof byte[] b) return b;
    ByteBuffer buf = ((ByteBuffer) o).duplicate();
    byte[] out = new byte[buf.remaining()];
    buf.get(out);
    return out;
  }

  /** Debezium's ISO-8601 text of a zoned timestamp ("2024-05-01T10:15:30.123456Z") as microseconds since the epoch. */
  static long zonedMicros(String text) {
    OffsetDateTime t = OffsetDateTime.parse(text);
    return ChronoUnit.MICROS.between(java.time.Instant.EPOCH, t.toInstant());
  }

  static BigDecimal variableScale(Struct s) {
    return new BigDecimal(new BigInteger(bytes(s.get("value"))), s.getInt32("scale"));
  }
}
