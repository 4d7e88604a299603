package io.logpro.processors.expr;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Calendar arithmetic on micros-since-epoch and days-since-epoch without per-row objects
 * (Howard Hinnant's civil-date algorithms), plus parsing and printing for literals and casts.
 */
final class Temporal {
  static final long MICROS_PER_SECOND = 1_000_000L;
  static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
  static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
  static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

  private Temporal() {}

  /** A parsed timestamp: micros since the epoch (UTC when {@code zoned}). */
  record Parsed(long micros, boolean zoned) {}

  static long daysFromCivil(long y, long m, long d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  /** year * 10000 + month * 100 + day for a day number. */
  static long civilFromDays(long days) {
    long z = days + 719468;
    long era = Math.floorDiv(z, 146097);
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    return (y + (m <= 2 ? 1 : 0)) * 10000 + m * 100 + d;
  }

  static long dayOf(long micros) {
    return Math.floorDiv(micros, MICROS_PER_DAY);
  }

  static Parsed parseTimestamp(String s) {
    String t = s.trim();
    if (t.length() > 10 && t.charAt(10) == ' ') t = t.substring(0, 10) + 'T' + t.substring(11);
    if (t.length() == 10) return new Parsed(parseDate(t) * MICROS_PER_DAY, false);
    try {
      LocalDateTime ldt = LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
      return new Parsed(micros(ldt.toEpochSecond(ZoneOffset.UTC), ldt.getNano()), false);
    } catch (DateTimeParseException e) {
      OffsetDateTime odt = OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return new Parsed(micros(odt.toEpochSecond(), odt.getNano()), true);
    }
  }

  private static long micros(long epochSecond, int nanos) {
    return Math.addExact(Math.multiplyExact(epochSecond, MICROS_PER_SECOND), nanos / 1000);
  }

  static long parseDate(String s) {
    return LocalDate.parse(s.trim()).toEpochDay();
  }

  /** "2024-01-31 23:59:00", with ".ffffff" when there are fractional seconds. */
  static String formatTimestamp(long micros) {
    long days = Math.floorDiv(micros, MICROS_PER_DAY);
    long inDay = Math.floorMod(micros, MICROS_PER_DAY);
    StringBuilder sb = new StringBuilder(26).append(formatDate(days)).append(' ');
    long secs = inDay / MICROS_PER_SECOND;
    two(sb, secs / 3600).append(':');
    two(sb, secs / 60 % 60).append(':');
    two(sb, secs % 60);
    long frac = inDay % MICROS_PER_SECOND;
    if (frac != 0) {
      String f = Long.toString(frac + MICROS_PER_SECOND).substring(1);
      sb.append('.').append(f);
    }
    return sb.toString();
  }

  static String formatDate(long days) {
    long c = civilFromDays(days);
    long y = c / 10000;
    StringBuilder sb = new StringBuilder(10);
    if (y >= 0 && y < 10000) sb.append(Long.toString(y + 10000).substring(1));
    else sb.append(y);
    sb.append('-');
    two(sb, c / 100 % 100).append('-');
    return two(sb, c % 100).toString();
  }

  private static StringBuilder two(StringBuilder sb, long v) {
    if (v < 10) sb.append('0');
    return sb.append(v);
  }
}
