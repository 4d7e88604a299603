package io.logpro.formats.csv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The formatContext of CSV records read from a file: the file's header (per-file state), and a
 * line anchor so a rejected record's line number can be computed when needed instead of being
 * tracked per record.
 *
 * @param header      the header's column names, or null when the file has none
 * @param buffer      the read buffer the records of this context are slices of
 * @param anchorOffset an offset in {@code buffer}
 * @param anchorLine   the 1-based file line at {@code anchorOffset}
 */
public record CsvContext(List<String> header, byte[] buffer, int anchorOffset, long anchorLine) {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** The 1-based line where the record at {@code offset} of {@link #buffer} starts. */
  public long lineAt(int offset) {
    return offset <= anchorOffset ? anchorLine : anchorLine + countNewlines(buffer, anchorOffset, offset);
  }

  /**
   * The number of '\n' in [s, e), eight bytes per step (hand-written: the reader counts every
   * buffer it fills, a second pass over the file that a byte loop made a noticeable cost).
   */
  static long countNewlines(byte[] b, int s, int e) {
    long n = 0;
    int i = s;
    for (; i + 8 <= e; i += 8) {
      long w = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
      // high bit set exactly in the bytes of w that are non-zero (no borrow across bytes)
      long nonZero = ((w & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | w;
      n += Long.bitCount(~nonZero & 0x8080808080808080L);
    }
    for (; i < e; i++) if (b[i] == '\n') n++;
    return n;
  }

  @Override
  public String toString() {
    return "CsvContext" + header;
  }
}
