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
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
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
    int n = 1;
    while (v >= 10) {
      v /= 10;
      n++;
    }
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

  /** {@code yyyy-MM-dd HH:mm:ss} of a wall-clock time given as seconds since 1970-01-01T00:00. */
  public ByteSink putTimestamp(long epochSecond) {
    ensure(19);
    long days = Math.floorDiv(epochSecond, 86_400L);
    int secOfDay = (int) Math.floorMod(epochSecond, 86_400L);
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
    b[p + 10] = ' ';
    two(b, p + 11, secOfDay / 3600);
    b[p + 13] = ':';
    two(b, p + 14, secOfDay / 60 % 60);
    b[p + 16] = ':';
    two(b, p + 17, secOfDay % 60);
    size = p + 19;
    return this;
  }

  private static void two(byte[] b, int at, int v) {
    b[at] = (byte) ('0' + v / 10);
    b[at + 1] = (byte) ('0' + v % 10);
  }
}
