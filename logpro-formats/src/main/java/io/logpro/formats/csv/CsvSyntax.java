package io.logpro.formats.csv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 4180 framer (where does a record end) and splitter (where are its fields).
 * Hand-written rather than commons-csv (reason: logpro needs the exact byte offset after each
 * record for resumable positions, and fields as offsets into the shared read buffer so they are
 * written into Arrow vectors without a String or copy per field). commons-csv is the reference
 * reader in the tests.
 *
 * <p>A quote opens a quoted field only at the start of a field (as in RFC 4180 and commons-csv);
 * inside one, a doubled quote is a literal quote and line breaks belong to the field.
 */
public final class CsvSyntax {
  /** Split results: field count, or one of these errors. */
  public static final int UNTERMINATED_QUOTE = -1;
  public static final int TEXT_AFTER_QUOTE = -2;

  private final byte delimiter;
  private final byte quote;

  // Split output, reused between records.
  int[] starts = new int[32];
  int[] ends = new int[32];
  boolean[] escaped = new boolean[32];
  boolean[] quoted = new boolean[32];
  /** The field index where a split error happened. */
  int errorField;

  public CsvSyntax(byte delimiter, byte quote) {
    this.delimiter = delimiter;
    this.quote = quote;
  }

  /**
   * The index of the '\n' that ends the record starting at {@code from}, or -1 when
   * {@code [from, to)} holds no complete record.
   */
  public int findRecordEnd(byte[] b, int from, int to) {
    final byte q = quote;
    int i = from;
    boolean fieldStart = true;
    while (i < to) {
      byte c = b[i];
      if (c == '\n') return i;
      if (c == q && fieldStart) {
        // Quoted field: skip to its closing quote ("" is an escaped quote).
        i++;
        while (true) {
          while (i < to && b[i] != q) i++;
          if (i >= to) return -1;
          if (i + 1 < to && b[i + 1] == q) {
            i += 2;
            continue;
          }
          if (i + 1 >= to) return -1; // cannot tell "" from " yet
          break;
        }
        i++;
        fieldStart = false;
        continue;
      }
      fieldStart = c == delimiter;
      i++;
    }
    return -1;
  }

  /**
   * Splits the record {@code [s, e)} (without its line break) into fields, filling
   * starts/ends/escaped; returns the field count or a negative error code.
   */
  public int split(byte[] b, int s, int e) {
    int n = 0;
    int i = s;
    final byte d = delimiter;
    final byte q = quote;
    while (true) {
      if (n == starts.length) grow();
      if (i < e && b[i] == q) {
        int fs = i + 1;
        int j = fs;
        boolean esc = false;
        while (true) {
          while (j < e && b[j] != q) j++;
          if (j >= e) {
            errorField = n;
            return UNTERMINATED_QUOTE;
          }
          if (j + 1 < e && b[j + 1] == q) {
            esc = true;
            j += 2;
            continue;
          }
          break;
        }
        starts[n] = fs;
        ends[n] = j;
        escaped[n] = esc;
        quoted[n] = true;
        n++;
        j++;
        if (j == e) return n;
        if (b[j] != d) {
          errorField = n - 1;
          return TEXT_AFTER_QUOTE;
        }
        i = j + 1;
      } else {
        int j = i;
        while (j < e && b[j] != d) j++;
        starts[n] = i;
        ends[n] = j;
        escaped[n] = false;
        quoted[n] = false;
        n++;
        if (j >= e) return n;
        i = j + 1;
      }
    }
  }

  private void grow() {
    int n = starts.length * 2;
    starts = java.util.Arrays.copyOf(starts, n);
    ends = java.util.Arrays.copyOf(ends, n);
    escaped = java.util.Arrays.copyOf(escaped, n);
    quoted = java.util.Arrays.copyOf(quoted, n);
  }

  /** Copies field content with doubled quotes collapsed into {@code out}; returns the length. */
  public int unescape(byte[] b, int s, int e, byte[] out) {
    int n = 0;
    for (int i = s; i < e; i++) {
      out[n++] = b[i];
      if (b[i] == quote) i++;
    }
    return n;
  }

  /** Splits a whole record into Strings (for headers). */
  public List<String> splitToStrings(byte[] b, int s, int e) {
    int n = split(b, s, e);
    if (n < 0) return null;
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String v = new String(b, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
      if (escaped[i]) v = v.replace(new String(new byte[] {quote, quote}, StandardCharsets.ISO_8859_1), String.valueOf((char) quote));
      out.add(v);
    }
    return out;
  }
}
