package io.logpro.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer with hand-written number and timestamp formatting. Hand-written
 * because the generator must emit millions of rows per second: String.format, Double.toString
 * and JSON libraries allocate per value and are an order of magnitude slower.
 */
public final class ByteSink {
  private byte[] buf;
  private int size;

  public ByteSink(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  public ByteSink() {
    this(4096);
  }

  public int size() {
    return size;
  }

  /** The backing array; valid up to {@link #size()}. It is replaced when the sink grows. */
  public byte[] array() {
    return buf;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  public void reset() {
    size = 0;
  }

  /** Drops everything after the first {@code newSize} bytes. */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) throw new IndexOutOfBoundsException(newSize);
    size = newSize;
  }

  public void writeTo(OutputStream out) throws IOException {
    out.write(buf, 0, size);
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }

  public ByteSink put(byte b) {
    ensure(1);
    buf[size++] = b;
    return this;
  }

  public ByteSink put(char asciiChar) {
    return put((byte) asciiChar);
  }

  public ByteSink put(byte[] bytes) {
    int n = bytes.length;
    ensure(n);
    System.arraycopy(bytes, 0, buf, size, n);
    size += n;
    return this;
  }

  /** A decimal integer. */
  public ByteSink putLong(long v) {
    ensure(20);
    if (v < 0) {
      if (v == Long.MIN_VALUE) return put(Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      buf[size++] = '-';
      v = -v;
    }
    // Most values here are small ids and cents: skip the digit loop for them.
    if (v < 10) {
      buf[size++] = (byte) ('0' + v);
      return this;
    }
    if (v < 100) {
      two(buf, size, (int) v);
      size += 2;
      return this;
    }
    int digits = digits(v);
    int end = size + digits;
    for (int i = end - 1; i >= size; i--) {
      buf[i] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    size = end;
    return this;
  }

  private static int digits(long v) {
    if (v < 1_000) return 3; // callers handle v < 100 already
    if (v < 10_000) return 4;
    int n = 5;
    for (long p = 100_000; n < 19 && v >= p; p *= 10) n++;
    return n;
  }

  /**
   * A fixed-point amount given in hundredths, printed like the TLC files: at least one and at
   * most two decimals ({@code 1250 -> 12.5}, {@code 1235 -> 12.35}, {@code 0 -> 0.0}).
   */
  public ByteSink putHundredths(long h) {
    ensure(24);
    if (h < 0) {
      buf[size++] = '-';
      h = -h;
    }
    putLong(h / 100);
    int frac = (int) (h % 100);
    buf[size++] = '.';
    if (frac % 10 == 0) {
      buf[size++] = (byte) ('0' + frac / 10);
    } else {
      buf[size++] = (byte) ('0' + frac / 10);
      buf[size++] = (byte) ('0' + frac % 10);
    }
    return this;
  }

  // yyyy-MM-dd of the days 2023-01-01 .. 2026-12-31, which hold nearly every generated time:
  // the civil-date arithmetic below costs more than the rest of a timestamp.
  private static final long CACHE_FIRST_DAY = 19_358; // 2023-01-01
  private static final int CACHE_DAYS = 1461;
  private static final byte[] DATE_CACHE = dateCache();

  private static byte[] dateCache() {
    byte[] out = new byte[CACHE_DAYS * 10];
    ByteSink s = new ByteSink(32);
    for (int d = 0; d < CACHE_DAYS; d++) {
      s.reset();
      s.putDate(CACHE_FIRST_DAY + d);
      System.arraycopy(s.buf, 0, out, d * 10, 10);
    }
    return out;
  }

  /** {@code yyyy-MM-dd HH:mm:ss} of a wall-clock time given as seconds since 1970-01-01T00:00. */
  public ByteSink putTimestamp(long epochSecond) {
    ensure(19);
    long days = Math.floorDiv(epochSecond, 86_400L);
    int secOfDay = (int) (epochSecond - days * 86_400L);
    long cached = days - CACHE_FIRST_DAY;
    if (cached >= 0 && cached < CACHE_DAYS) {
      System.arraycopy(DATE_CACHE, (int) cached * 10, buf, size, 10);
      size += 10;
    } else {
      putDate(days);
    }
    byte[] b = buf;
    int p = size;
    b[p] = ' ';
    two(b, p + 1, secOfDay / 3600);
    b[p + 3] = ':';
    two(b, p + 4, secOfDay / 60 % 60);
    b[p + 6] = ':';
    two(b, p + 7, secOfDay % 60);
    size = p + 9;
    return this;
  }

  /** {@code yyyy-MM-dd} of a day counted from 1970-01-01 (years 0..9999). */
  private void putDate(long days) {
    ensure(10);
    // Civil date from days since the epoch (H. Hinnant's days_from_civil inverse).
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
    byte[] b = buf;
    int p = size;
    b[p] = (byte) ('0' + year / 1000 % 10);
    b[p + 1] = (byte) ('0' + year / 100 % 10);
    b[p + 2] = (byte) ('0' + year / 10 % 10);
    b[p + 3] = (byte) ('0' + year % 10);
    b[p + 4] = '-';
    two(b, p + 5, month);
    b[p + 7] = '-';
    two(b, p + 8, day);
    size = p + 10;
  }

  private static void two(byte[] b, int at, int v) {
    b[at] = (byte) ('0' + v / 10);
    b[at + 1] = (byte) ('0' + v % 10);
  }
}
