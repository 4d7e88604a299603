package io.logpro.processors;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Renders one value of a vector for a dead-letter reason ("-1.5", "2023-12-31 23:59:00"). */
public final class Values {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

  private Values() {}

  public static String render(FieldVector v, int row) {
    if (v.isNull(row)) return "null";
    if (v instanceof TimeStampVector ts && v.getField().getType() instanceof ArrowType.Timestamp type) {
      long raw = ts.get(row);
      long micros = switch (type.getUnit()) {
        case SECOND -> raw * 1_000_000L;
        case MILLISECOND -> raw * 1000;
        case MICROSECOND -> raw;
        case NANOSECOND -> Math.floorDiv(raw, 1000);
      };
      LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
      String s = t.getNano() == 0 ? t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) : t.format(TS);
      return type.getTimezone() == null ? s : s + "Z";
    }
    if (v instanceof DateDayVector d) return LocalDate.ofEpochDay(d.get(row)).toString();
    return String.valueOf(v.getObject(row));
  }
}
