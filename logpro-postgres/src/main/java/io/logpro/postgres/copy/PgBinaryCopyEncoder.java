package io.logpro.postgres.copy;

import java.util.Arrays;

/**
 * Arrow columns into PostgreSQL's binary COPY format (a header, one tuple per row: int2 field
 * count, then each field as int4 length (-1 for null) and its bytes; int2 -1 at the end).
 *
 * <p>Written column at a time: for a window of rows, every column adds its fields' sizes to the
 * rows' sizes, the rows' start offsets follow, and then every column writes its fields at its
 * rows' cursors. Each pass is a tight loop over one vector, and nothing is allocated per row.
 * Written here rather than taken from a library because it is logpro's hot path and no library
 * encodes Arrow vectors to COPY binary without going through per-row objects.
 */
public final class PgBinaryCopyEncoder {
  /** PGCOPY\n\377\r\n\0, flags 0, header extension length 0. */
  private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
  private static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};
  /** Rows encoded per pass: keeps the output chunk near a few hundred KB and the vectors' slices in cache. */
  static final int WINDOW = 1024;

  /** Where the encoded bytes go (the driver's CopyIn, a stream in tests). */
  @FunctionalInterface
  public interface Output {
    void write(byte[] bytes, int offset, int length) throws Exception;
  }

  private final int[] sizes = new int[WINDOW];
  private final int[] cursors = new int[WINDOW];
  private byte[] buffer = new byte[1 << 16];

  /**
   * Writes rows {@code rows[from..to)} (indexes into the codecs' vectors, in that order) as one
   * complete COPY binary stream; returns the bytes written.
   */
  public long encode(ValueCodec[] columns, int[] rows, int from, int to, Output out) throws Exception {
    out.write(HEADER, 0, HEADER.length);
    long total = HEADER.length + TRAILER.length;
    for (int w = from; w < to; w += WINDOW) {
      int n = Math.min(WINDOW, to - w);
      total += encodeWindow(columns, rows, w, n, out);
    }
    out.write(TRAILER, 0, TRAILER.length);
    return total;
  }

  private int encodeWindow(ValueCodec[] columns, int[] rows, int from, int n, Output out) throws Exception {
    Arrays.fill(sizes, 0, n, 2);
    for (ValueCodec c : columns) measure(c, rows, from, n);
    long length = 0;
    for (int k = 0; k < n; k++) length += sizes[k];
    if (length > Integer.MAX_VALUE - 16) throw new IllegalStateException("rows of " + length + " bytes in one COPY window");
    if (buffer.length < length) buffer = new byte[(int) Math.max(length, Math.min(Integer.MAX_VALUE - 16, buffer.length * 2L))];
    byte[] b = buffer;
    int pos = 0;
    for (int k = 0; k < n; k++) {
      BigEndian.putShort(b, pos, columns.length);
      cursors[k] = pos + 2;
      pos += sizes[k];
    }
    for (ValueCodec c : columns) write(c, rows, from, n, b);
    out.write(b, 0, (int) length);
    return (int) length;
  }

  private void measure(ValueCodec c, int[] rows, int from, int n) {
    for (int k = 0; k < n; k++) {
      int row = rows[from + k];
      sizes[k] += c.isNull(row) ? 4 : 4 + c.size(row);
    }
  }

  private void write(ValueCodec c, int[] rows, int from, int n, byte[] b) {
    for (int k = 0; k < n; k++) {
      int row = rows[from + k];
      int pos = cursors[k];
      if (c.isNull(row)) {
        cursors[k] = BigEndian.putInt(b, pos, -1);
      } else {
        int end = c.write(row, b, pos + 4);
        BigEndian.putInt(b, pos, end - pos - 4);
        cursors[k] = end;
      }
    }
  }
}
