package io.logpro.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Text renderings of Arrow values, the same everywhere a value becomes text (the JSON and CSV
 * encoders, Redis keys and messages built from columns): timestamps as ISO-8601, decimals plain,
 * binary as base64.
 */
public final class ValueText {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

  private ValueText() {}

  /** The value at {@code row} as text, or null when it is null. */
  public static String of(FieldVector v, int row) {
    if (v.isNull(row)) return null;
    return switch (v) {
      case org.apache.arrow.vector.VarCharVector s -> new String(s.get(row), java.nio.charset.StandardCharsets.UTF_8);
      case TimeStampVector ts -> timestamp(ts, row);
      case DateDayVector d -> LocalDate.ofEpochDay(d.get(row)).toString();
      case DateMilliVector d -> LocalDate.ofEpochDay(Math.floorDiv(d.get(row), 86_400_000L)).toString();
      case TimeMicroVector t -> LocalTime.ofNanoOfDay(t.get(row) * 1000).toString();
      case DecimalVector d -> d.getObject(row).toPlainString();
      case VarBinaryVector b -> java.util.Base64.getEncoder().encodeToString(b.get(row));
      default -> {
        Object o = v.getObject(row);
        yield o instanceof BigDecimal bd ? bd.toPlainString() : String.valueOf(o);
      }
    };
  }

  private static String timestamp(TimeStampVector v, int row) {
    ArrowType.Timestamp t = (ArrowType.Timestamp) v.getField().getType();
    long x = v.get(row);
    long nanos = switch (t.getUnit()) {
      case SECOND -> x * 1_000_000_000L;
      case MILLISECOND -> x * 1_000_000L;
      case MICROSECOND -> x * 1000L;
      case NANOSECOND -> x;
    };
    long secs = Math.floorDiv(nanos, 1_000_000_000L);
    int n = (int) Math.floorMod(nanos, 1_000_000_000L);
    if (t.getUnit() != TimeUnit.NANOSECOND && t.getUnit() != TimeUnit.MICROSECOND) {
      nanos = 0;
    }
    if (t.getTimezone() != null) return Instant.ofEpochSecond(secs, n).toString();
    return LocalDateTime.ofEpochSecond(secs, n, ZoneOffset.UTC).format(LOCAL);
  }
}
