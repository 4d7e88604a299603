package io.logpro.postgres;

import io.logpro.postgres.copy.Codecs;
import io.logpro.postgres.copy.PgOids;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Mode insert: Arrow values as JDBC parameters, one object per value (the row-level path that
 * COPY replaces). A value is bound in its Arrow type's own PostgreSQL type and the INSERT casts
 * it to the column's type where they differ.
 */
final class JdbcValues {
  private JdbcValues() {}

  /** Binds one column's value of a row. */
  interface Binder {
    void bind(PreparedStatement ps, int param, int row) throws SQLException;
  }

  /** Whether the INSERT casts the parameter: every time the Arrow type's own type is not the column's. */
  static boolean needsCast(PlannedColumn c) {
    if (c.incompatible() != null) return false;
    ArrowType t = c.field().getType();
    if (Codecs.isText(t) && PgTypes.isTextLike(c.target().type())) return false;
    if (t instanceof ArrowType.FixedSizeBinary && c.target().type().oid() == PgOids.UUID) return false;
    try {
      return c.target().type().isArray() || PgTypes.stagingType(c.field()).oid() != c.target().type().oid();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static Binder binder(PlannedColumn c, FieldVector v, Connection conn) {
    if (c.incompatible() != null || v.getField().getType() instanceof ArrowType.Null) return (ps, i, row) -> ps.setNull(i, Types.NULL);
    int sqlType = sqlType(v.getField().getType());
    boolean uuid = v.getField().getType() instanceof ArrowType.FixedSizeBinary && c.target().type().oid() == PgOids.UUID;
    if (v instanceof ListVector || v instanceof LargeListVector || v instanceof FixedSizeListVector) {
      FieldVector elements = children(v);
      String elementType = PgTypes.stagingType(v.getField().getChildren().get(0)).sql();
      return (ps, i, row) -> {
        if (v.isNull(row)) {
          ps.setNull(i, Types.ARRAY);
        } else {
          ps.setArray(i, conn.createArrayOf(elementType, elements(v, elements, row)));
        }
      };
    }
    return (ps, i, row) -> {
      if (v.isNull(row)) ps.setNull(i, uuid ? Types.OTHER : sqlType);
      else ps.setObject(i, uuid ? uuid(v, row) : value(v, row), uuid ? Types.OTHER : sqlType);
    };
  }

  private static FieldVector children(FieldVector list) {
    if (list instanceof ListVector l) return l.getDataVector();
    if (list instanceof LargeListVector l) return (FieldVector) l.getDataVector();
    return ((FixedSizeListVector) list).getDataVector();
  }

  private static Object[] elements(FieldVector list, FieldVector child, int row) {
    int from;
    int to;
    if (list instanceof ListVector l) {
      from = l.getElementStartIndex(row);
      to = l.getElementEndIndex(row);
    } else if (list instanceof LargeListVector l) {
      from = Math.toIntExact(l.getElementStartIndex(row));
      to = Math.toIntExact(l.getElementEndIndex(row));
    } else {
      int size = ((FixedSizeListVector) list).getListSize();
      from = row * size;
      to = from + size;
    }
    List<Object> out = new ArrayList<>(to - from);
    for (int j = from; j < to; j++) out.add(child.isNull(j) ? null : value(child, j));
    return out.toArray();
  }

  private static UUID uuid(FieldVector v, int row) {
    ByteBuffer b = ByteBuffer.wrap((byte[]) v.getObject(row));
    return new UUID(b.getLong(), b.getLong());
  }

  /** The JDBC object of a non-null value, in the Arrow type's own PostgreSQL type. */
  static Object value(FieldVector v, int row) {
    ArrowType t = v.getField().getType();
    return switch (t) {
      case ArrowType.Int i when v instanceof UInt8Vector u -> new BigDecimal(new BigInteger(Long.toUnsignedString(u.get(row))));
      case ArrowType.Int i -> {
        long x = ((BaseIntVector) v).getValueAsLong(row);
        int bits = i.getIsSigned() ? i.getBitWidth() : i.getBitWidth() * 2;
        yield bits <= 16 ? (Object) (short) x : bits <= 32 ? (Object) (int) x : (Object) x;
      }
      case ArrowType.FloatingPoint f when v instanceof Float8Vector d -> d.get(row);
      case ArrowType.FloatingPoint f when v instanceof Float4Vector d -> d.get(row);
      case ArrowType.FloatingPoint f -> ((Float2Vector) v).getValueAsFloat(row);
      case ArrowType.Bool b -> ((BitVector) v).get(row) != 0;
      case ArrowType.Decimal d -> v.getObject(row);
      case ArrowType.Utf8 u -> new String(bytes(v, row), StandardCharsets.UTF_8);
      case ArrowType.LargeUtf8 u -> new String(bytes(v, row), StandardCharsets.UTF_8);
      case ArrowType.Utf8View u -> v.getObject(row).toString();
      case ArrowType.Date d when v instanceof DateDayVector day -> LocalDate.ofEpochDay(day.get(row));
      case ArrowType.Date d -> LocalDate.ofEpochDay(Math.floorDiv(((DateMilliVector) v).get(row), 86_400_000L));
      case ArrowType.Time tm -> LocalTime.ofNanoOfDay(timeMicros(v, row) * 1000);
      case ArrowType.Timestamp ts -> {
        long micros = micros(((TimeStampVector) v).get(row), ts.getUnit());
        LocalDateTime utc = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000,
            ZoneOffset.UTC);
        yield ts.getTimezone() == null || ts.getTimezone().isEmpty() ? utc : utc.atOffset(ZoneOffset.UTC);
      }
      case ArrowType.Duration d -> Duration.of(micros(((DurationVector) v).getDataBuffer().getLong((long) row * 8), d.getUnit()),
          java.time.temporal.ChronoUnit.MICROS).toString();
      default -> v.getObject(row); // binary: byte[]
    };
  }

  private static byte[] bytes(FieldVector v, int row) {
    Object o = v.getObject(row);
    return o instanceof byte[] b ? b : o.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static long timeMicros(FieldVector v, int row) {
    if (v instanceof TimeMicroVector t) return t.get(row);
    if (v instanceof TimeNanoVector t) return t.get(row) / 1000;
    if (v instanceof TimeMilliVector t) return t.get(row) * 1000L;
    return ((TimeSecVector) v).get(row) * 1_000_000L;
  }

  private static long micros(long value, TimeUnit unit) {
    return switch (unit) {
      case SECOND -> Math.multiplyExact(value, 1_000_000L);
      case MILLISECOND -> Math.multiplyExact(value, 1_000L);
      case MICROSECOND -> value;
      case NANOSECOND -> Math.floorDiv(value, 1_000L);
    };
  }

  static int sqlType(ArrowType t) {
    return switch (t) {
      case ArrowType.Int i when !i.getIsSigned() && i.getBitWidth() == 64 -> Types.NUMERIC;
      case ArrowType.Int i -> {
        int bits = i.getIsSigned() ? i.getBitWidth() : i.getBitWidth() * 2;
        yield bits <= 16 ? Types.SMALLINT : bits <= 32 ? Types.INTEGER : Types.BIGINT;
      }
      case ArrowType.FloatingPoint f -> f.getPrecision() == org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE ? Types.DOUBLE : Types.REAL;
      case ArrowType.Bool b -> Types.BOOLEAN;
      case ArrowType.Decimal d -> Types.NUMERIC;
      case ArrowType.Date d -> Types.DATE;
      case ArrowType.Time tm -> Types.TIME;
      case ArrowType.Timestamp ts -> ts.getTimezone() == null || ts.getTimezone().isEmpty() ? Types.TIMESTAMP : Types.TIMESTAMP_WITH_TIMEZONE;
      case ArrowType.Binary b -> Types.BINARY;
      case ArrowType.LargeBinary b -> Types.BINARY;
      case ArrowType.FixedSizeBinary b -> Types.BINARY;
      default -> Types.VARCHAR;
    };
  }
}
