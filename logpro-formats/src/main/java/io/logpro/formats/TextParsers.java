package io.logpro.formats;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Parses numbers, booleans, dates and timestamps straight from UTF-8 bytes, without a String per
 * value. Hand-written (reason: the JDK parsers take Strings, and allocating one per CSV field
 * would dominate decode time). Not thread-safe: the result flag {@link #ok} and
 * {@link #hadOffset} live on the instance, one per decoder.
 */
public final class TextParsers {
  private static final double[] POW10 = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
      1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  private static final long DAYS_0000_TO_1970 = 719_528L;

  /** Whether the last parse succeeded. */
  public boolean ok;
  /** Whether the last timestamp carried a zone offset (it was normalised to UTC). */
  public boolean hadOffset;

  private final DateTimeFormatter timestampFormat;

  public TextParsers() {
    this(null);
  }

  /** @param timestampFormat a custom timestamp pattern, or null for ISO-8601 and "yyyy-MM-dd HH:mm:ss[.SSSSSS]" */
  public TextParsers(DateTimeFormatter timestampFormat) {
    this.timestampFormat = timestampFormat;
  }

  /** Whether bytes [s, e) are well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF). */
  public static boolean validUtf8(byte[] b, int s, int e) {
    int i = s;
    while (i < e) {
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xff;
      int n;
      int min;
      if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + n >= e) return false; // truncated sequence
      int cp = c & (0x3F >> n);
      for (int k = 1; k <= n; k++) {
        int cc = b[i + k] & 0xff;
        if ((cc & 0xC0) != 0x80) return false;
        cp = (cp << 6) | (cc & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
      i += n + 1;
    }
    return true;
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t';
  }

  public long parseLong(byte[] b, int s, int e) {
    while (s < e && isSpace(b[s])) s++;
    while (e > s && isSpace(b[e - 1])) e--;
    ok = false;
    if (s >= e) return 0;
    boolean neg = false;
    if (b[s] == '-' || b[s] == '+') {
      neg = b[s] == '-';
      s++;
      if (s >= e) return 0;
    }
    long r = 0; // accumulated negatively so that Long.MIN_VALUE fits
    final long multMin = Long.MIN_VALUE / 10;
    for (int i = s; i < e; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) return 0;
      if (r < multMin) return 0;
      r *= 10;
      if (r < Long.MIN_VALUE + d) return 0;
      r -= d;
    }
    if (!neg && r == Long.MIN_VALUE) return 0;
    ok = true;
    return neg ? r : -r;
  }

  public double parseDouble(byte[] b, int s, int e) {
    while (s < e && isSpace(b[s])) s++;
    while (e > s && isSpace(b[e - 1])) e--;
    ok = false;
    if (s >= e) return 0;
    int i = s;
    boolean neg = false;
    if (b[i] == '-' || b[i] == '+') {
      neg = b[i] == '-';
      i++;
    }
    if (i < e && (b[i] == 'N' || b[i] == 'I' || b[i] == 'i' || b[i] == 'n')) return special(b, s, e);
    long mant = 0;
    int sig = 0;
    int digits = 0;
    int dropped = 0; // integer digits beyond what the mantissa holds
    int frac = 0;
    while (i < e && b[i] >= '0' && b[i] <= '9') {
      if (sig < 18) {
        mant = mant * 10 + (b[i] - '0');
        if (mant != 0) sig++;
      } else {
        dropped++;
      }
      digits++;
      i++;
    }
    if (i < e && b[i] == '.') {
      i++;
      while (i < e && b[i] >= '0' && b[i] <= '9') {
        if (sig < 18) {
          mant = mant * 10 + (b[i] - '0');
          if (mant != 0) sig++;
          frac++;
        }
        digits++;
        i++;
      }
    }
    if (digits == 0) return 0;
    int exp = 0;
    if (i < e && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      boolean eneg = false;
      if (i < e && (b[i] == '-' || b[i] == '+')) {
        eneg = b[i] == '-';
        i++;
      }
      int ed = 0;
      while (i < e && b[i] >= '0' && b[i] <= '9') {
        if (exp < 100_000) exp = exp * 10 + (b[i] - '0');
        ed++;
        i++;
      }
      if (ed == 0) return 0;
      if (eneg) exp = -exp;
    }
    if (i != e) return 0;
    ok = true;
    int p = exp - frac + dropped;
    if (sig <= 15 && dropped == 0 && p >= -22 && p <= 22) {
      // Clinger's fast path: both operands exact, so one rounding gives the correctly rounded result.
      double v = p >= 0 ? mant * POW10[p] : mant / POW10[-p];
      return neg ? -v : v;
    }
    return Double.parseDouble(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
  }

  private double special(byte[] b, int s, int e) {
    String t = new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    switch (t) {
      case "NaN", "nan": ok = true; return Double.NaN;
      case "Infinity", "+Infinity", "inf", "+inf": ok = true; return Double.POSITIVE_INFINITY;
      case "-Infinity", "-inf": ok = true; return Double.NEGATIVE_INFINITY;
      default: ok = false; return 0;
    }
  }

  /** true/false in any case, or t/f. */
  public boolean parseBool(byte[] b, int s, int e) {
    while (s < e && isSpace(b[s])) s++;
    while (e > s && isSpace(b[e - 1])) e--;
    int n = e - s;
    ok = true;
    if (n == 1) {
      byte c = (byte) (b[s] | 0x20);
      if (c == 't') return true;
      if (c == 'f') return false;
    } else if (n == 4 && (b[s] | 0x20) == 't' && (b[s + 1] | 0x20) == 'r' && (b[s + 2] | 0x20) == 'u' && (b[s + 3] | 0x20) == 'e') {
      return true;
    } else if (n == 5 && (b[s] | 0x20) == 'f' && (b[s + 1] | 0x20) == 'a' && (b[s + 2] | 0x20) == 'l'
        && (b[s + 3] | 0x20) == 's' && (b[s + 4] | 0x20) == 'e') {
      return false;
    }
    ok = false;
    return false;
  }

  private int digits(byte[] b, int s, int n) {
    int v = 0;
    for (int i = s; i < s + n; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        ok = false;
        return 0;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** Days since 1970-01-01 of "yyyy-MM-dd". */
  public int parseDate(byte[] b, int s, int e) {
    while (s < e && isSpace(b[s])) s++;
    while (e > s && isSpace(b[e - 1])) e--;
    ok = e - s == 10;
    if (!ok) return 0;
    long d = dateAt(b, s);
    return (int) d;
  }

  private long dateAt(byte[] b, int s) {
    ok = b[s + 4] == '-' && b[s + 7] == '-';
    if (!ok) return 0;
    int y = digits(b, s, 4);
    if (!ok) return 0;
    int m = digits(b, s + 5, 2);
    if (!ok) return 0;
    int d = digits(b, s + 8, 2);
    if (!ok) return 0;
    if (m < 1 || m > 12 || d < 1 || d > monthLength(y, m)) {
      ok = false;
      return 0;
    }
    return epochDay(y, m, d);
  }

  private static boolean leap(long y) {
    return (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
  }

  private static int monthLength(int y, int m) {
    return switch (m) {
      case 2 -> leap(y) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Same arithmetic as LocalDate.toEpochDay, for years 0..9999. */
  static long epochDay(long y, long m, long d) {
    long total = 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    total += (367 * m - 362) / 12;
    total += d - 1;
    if (m > 2) {
      total--;
      if (!leap(y)) total--;
    }
    return total - DAYS_0000_TO_1970;
  }

  /** Microseconds of the day of "HH:mm[:ss[.ffffff]]". */
  public long parseTime(byte[] b, int s, int e) {
    while (s < e && isSpace(b[s])) s++;
    while (e > s && isSpace(b[e - 1])) e--;
    int end = timeEnd(b, s, e);
    if (!ok || end != e) {
      ok = false;
      return 0;
    }
    return timeMicros;
  }

  private long timeMicros;

  /** Parses a time at s; sets timeMicros and returns where it ended. */
  private int timeEnd(byte[] b, int s, int e) {
    ok = false;
    if (e - s < 5 || b[s + 2] != ':') return s;
    ok = true;
    int hh = digits(b, s, 2);
    int mm = ok ? digits(b, s + 3, 2) : 0;
    if (!ok || hh > 23 || mm > 59) {
      ok = false;
      return s;
    }
    int i = s + 5;
    int ss = 0;
    long micros = 0;
    if (i < e && b[i] == ':') {
      if (e - i < 3) {
        ok = false;
        return s;
      }
      ss = digits(b, i + 1, 2);
      if (!ok || ss > 59) {
        ok = false;
        return s;
      }
      i += 3;
      if (i < e && (b[i] == '.' || b[i] == ',')) {
        i++;
        int n = 0;
        while (i < e && b[i] >= '0' && b[i] <= '9') {
          if (n < 6) micros = micros * 10 + (b[i] - '0');
          n++;
          i++;
        }
        if (n == 0) {
          ok = false;
          return s;
        }
        for (int k = n; k < 6; k++) micros *= 10;
      }
    }
    timeMicros = ((hh * 60L + mm) * 60L + ss) * 1_000_000L + micros;
    return i;
  }

  /**
   * Microseconds since the epoch of "yyyy-MM-dd[T ]HH:mm[:ss[.f]][Z|+hh:mm]" (or of the custom
   * pattern); an offset is applied so the result is UTC, and {@link #hadOffset} says if there was one.
   */
  public long parseTimestamp(byte[] b, int s, int e) {
    while (s < e && isSpace(b[s])) s++;
    while (e > s && isSpace(b[e - 1])) e--;
    hadOffset = false;
    if (timestampFormat != null) return parseWithFormat(b, s, e);
    ok = false;
    if (e - s < 16) return 0;
    long day = dateAt(b, s);
    if (!ok) return 0;
    byte sep = b[s + 10];
    if (sep != 'T' && sep != ' ' && sep != 't') {
      ok = false;
      return 0;
    }
    int i = timeEnd(b, s + 11, e);
    if (!ok) return 0;
    long micros = day * 86_400_000_000L + timeMicros;
    if (i == e) return micros;
    if (b[i] == ' ' && i + 1 < e) i++; // "2024-01-01 10:00:00 +02:00"
    if ((b[i] == 'Z' || b[i] == 'z') && i + 1 == e) {
      hadOffset = true;
      return micros;
    }
    if (b[i] == '+' || b[i] == '-') {
      int sign = b[i] == '-' ? -1 : 1;
      int n = e - i - 1;
      int oh;
      int om = 0;
      if (n == 2) {
        oh = digits(b, i + 1, 2);
      } else if (n == 4) {
        oh = digits(b, i + 1, 2);
        om = ok ? digits(b, i + 3, 2) : 0;
      } else if (n == 5 && b[i + 3] == ':') {
        oh = digits(b, i + 1, 2);
        om = ok ? digits(b, i + 4, 2) : 0;
      } else {
        ok = false;
        return 0;
      }
      if (!ok || oh > 18 || om > 59) {
        ok = false;
        return 0;
      }
      hadOffset = true;
      return micros - sign * (oh * 3600L + om * 60L) * 1_000_000L;
    }
    ok = false;
    return 0;
  }

  private long parseWithFormat(byte[] b, int s, int e) {
    try {
      TemporalAccessor t = timestampFormat.parse(new String(b, s, e - s, StandardCharsets.UTF_8));
      ok = true;
      if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
        hadOffset = true;
        Instant in = Instant.from(t);
        return in.getEpochSecond() * 1_000_000L + in.getNano() / 1000;
      }
      LocalDateTime ldt = LocalDateTime.from(t);
      return ldt.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + ldt.getNano() / 1000;
    } catch (RuntimeException ex) {
      ok = false;
      return 0;
    }
  }
}
