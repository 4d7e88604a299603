package io.logpro.formats.json;

import io.logpro.formats.TextColumn;
import io.logpro.formats.TextParsers;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * The fast path of {@link JsonDecoder}: decodes a record that is one flat object of numbers,
 * literals and strings (keys without escapes) straight from the message bytes into the vectors.
 * Hand-written (reason: a Jackson parser per record, its symbol table and its number conversion
 * cost about three times the whole CSV decode). It accepts only input that Jackson accepts and
 * writes exactly the values the Jackson path writes; for anything else (escaped keys, lone
 * surrogates, nested values of schema columns, a value that does not fit, any syntax error,
 * sizes near Jackson's limits) {@link #decode} returns false and the Jackson path decodes the record again and words the
 * reject, so reasons stay the same.
 */
final class FlatObjectDecoder {
  // Stays below Jackson's StreamReadConstraints (names 50,000 bytes, numbers 1,000 chars,
  // nesting 1,000) so that no record accepted here is one Jackson would refuse.
  private static final int MAX_RECORD = 40_000;
  private static final int MAX_NUMBER = 100;
  private static final int MAX_DEPTH = 100;
  private static final int CACHED_KEYS = 64;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final double[] POW10 = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
      1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

  private static final int LONG = 0;
  private static final int INT = 1;
  private static final int DOUBLE = 2;
  private static final int BOOL = 3;
  private static final int STRING = 4; // a VarChar column: any scalar as its text
  private static final int TEXT = 5; // other scalars: strings through TextColumn, numbers and booleans not here
  private static final int NESTED = 6; // struct, list: only null here

  private final JsonColumn[] columns;
  private final int[] kinds;
  private final BigIntVector[] longs;
  private final IntVector[] ints;
  private final Float8Vector[] doubles;
  private final BitVector[] bits;
  private final VarCharVector[] strings;
  private final TextColumn[] texts;
  private final boolean[] seen;
  // capacities of the fixed-width vectors: below them the unchecked set is safe (as in TextColumn)
  private final int[] caps;
  private final TextParsers parsers;
  private final Map<String, Integer> index = new HashMap<>();
  // Records usually repeat their key order: the key met at position k last time and its column.
  private final byte[][] keyAt = new byte[CACHED_KEYS][];
  private final int[] columnAt = new int[CACHED_KEYS];

  private byte[] scratch = new byte[256];
  private int scratchLength;

  // scanner state
  private byte[] b;
  private int i;
  private int end;
  private int strEnd;
  private boolean numIsInt;
  private boolean numFitsLong;
  private long numValue;
  private boolean numDoubleOk;
  private double numDouble;

  FlatObjectDecoder(JsonColumn[] columns, TextParsers parsers) {
    this.columns = columns;
    this.parsers = parsers;
    int n = columns.length;
    kinds = new int[n];
    longs = new BigIntVector[n];
    ints = new IntVector[n];
    doubles = new Float8Vector[n];
    bits = new BitVector[n];
    strings = new VarCharVector[n];
    texts = new TextColumn[n];
    seen = new boolean[n];
    caps = new int[n];
    for (int c = 0; c < n; c++) {
      index.putIfAbsent(columns[c].name, c);
      if (columns[c] instanceof JsonColumn.ScalarColumn sc) caps[c] = sc.vector.getValueCapacity();
      switch (columns[c]) {
        case JsonColumn.StringColumn s -> {
          kinds[c] = STRING;
          strings[c] = s.vector;
        }
        case JsonColumn.ScalarColumn s -> {
          texts[c] = s.text;
          switch (s.vector) {
            case BigIntVector v -> {
              kinds[c] = LONG;
              longs[c] = v;
            }
            case IntVector v -> {
              kinds[c] = INT;
              ints[c] = v;
            }
            case Float8Vector v -> {
              kinds[c] = DOUBLE;
              doubles[c] = v;
            }
            case BitVector v -> {
              kinds[c] = BOOL;
              bits[c] = v;
            }
            default -> kinds[c] = TEXT;
          }
        }
        default -> kinds[c] = NESTED;
      }
    }
  }

  /** Decodes bytes [s, e) into {@code row}; false when the Jackson path must decide instead. */
  boolean decode(byte[] buf, int s, int e, int row) {
    if (e - s > MAX_RECORD) return false;
    b = buf;
    i = s;
    end = e;
    skipSpace();
    if (i >= end || b[i] != '{') return false;
    i++;
    Arrays.fill(seen, false);
    skipSpace();
    if (i < end && b[i] == '}') {
      i++;
    } else {
      int k = 0;
      while (true) {
        if (i >= end || b[i] != '"') return false;
        int c;
        byte[] last = k < CACHED_KEYS ? keyAt[k] : null;
        if (last != null && startsWith(last, i + 1)) {
          i += 1 + last.length; // the key (checked when cached) and its closing quote
          c = columnAt[k];
        } else {
          int ks = ++i;
          if (!string()) return false;
          c = column(ks, strEnd, k);
          if (c == -2) return false;
        }
        k++;
        skipSpace();
        if (i >= end || b[i] != ':') return false;
        i++;
        skipSpace();
        if (i >= end) return false;
        if (c < 0) {
          if (!skip(0)) return false;
        } else {
          if (!value(c, row)) return false;
          seen[c] = true;
        }
        skipSpace();
        if (i >= end) return false;
        byte x = b[i++];
        if (x == '}') break;
        if (x != ',') return false;
        skipSpace();
      }
    }
    skipSpace();
    if (i != end) return false;
    for (int c = 0; c < columns.length; c++) if (!seen[c]) columns[c].writeNull(row);
    return true;
  }

  /** The column of the key at bytes [s, e), the {@code k}-th of its record: -1 outside the schema, -2 to give up. */
  private int column(int s, int e, int k) {
    if (e - s > 1000) return -2;
    Integer c = index.get(new String(b, s, e - s, StandardCharsets.UTF_8));
    int col = c == null ? -1 : c;
    if (k < CACHED_KEYS) {
      byte[] key = Arrays.copyOfRange(b, s, e + 1); // with the closing quote, so a match is the whole key
      keyAt[k] = key;
      columnAt[k] = col;
    }
    return col;
  }

  /** Whether the bytes at {@code at} start with {@code p}, compared eight at a time. */
  private boolean startsWith(byte[] p, int at) {
    int n = p.length;
    if (end - at < n) return false;
    int k = 0;
    for (; k + 8 <= n; k += 8) if ((long) LONGS.get(b, at + k) != (long) LONGS.get(p, k)) return false;
    for (; k < n; k++) if (b[at + k] != p[k]) return false;
    return true;
  }

  private void skipSpace() {
    while (i < end) {
      byte c = b[i];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
      i++;
    }
  }

  /**
   * Scans a string body from {@link #i} (just after the opening quote) without escapes: sets
   * {@link #strEnd} to the closing quote and {@link #i} past it. False on an escape, a control
   * character, invalid UTF-8 or a missing end.
   */
  private boolean string() {
    int s = i;
    boolean ascii = true;
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        strEnd = i++;
        return ascii || TextParsers.validUtf8(b, s, strEnd);
      }
      if (c == '\\' || (c >= 0 && c < 0x20)) return false;
      if (c < 0) ascii = false;
      i++;
    }
    return false;
  }

  /**
   * Scans a JSON number from {@link #i} by the RFC 8259 grammar; sets numIsInt, numFitsLong and
   * numValue, and for a plain decimal of at most 15 digits also numDouble (numDoubleOk).
   */
  private boolean number() {
    int s = i;
    boolean neg = false;
    if (b[i] == '-') {
      neg = true;
      i++;
    }
    int ds = i;
    long v = 0;
    if (i < end && b[i] == '0') {
      i++;
    } else {
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        v = v * 10 + (b[i] - '0'); // wraps past 18 digits; numFitsLong says so
        i++;
      }
    }
    int intDigits = i - ds;
    if (intDigits == 0) return false;
    numIsInt = true;
    numDoubleOk = false;
    if (i < end && b[i] == '.') {
      numIsInt = false;
      i++;
      int fs = i;
      long m = v;
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        m = m * 10 + (b[i] - '0');
        i++;
      }
      int frac = i - fs;
      if (frac == 0) return false;
      if (intDigits + frac <= 15) {
        // Clinger's fast path: mantissa and power of ten are exact, so one division rounds correctly.
        double d = m / POW10[frac];
        numDouble = neg ? -d : d;
        numDoubleOk = true;
      }
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      numIsInt = false;
      numDoubleOk = false;
      i++;
      if (i < end && (b[i] == '+' || b[i] == '-')) i++;
      int es = i;
      while (i < end && b[i] >= '0' && b[i] <= '9') i++;
      if (i == es) return false;
    }
    if (i - s > MAX_NUMBER) return false;
    numFitsLong = intDigits <= 18;
    numValue = neg ? -v : v;
    return delimited();
  }

  /** Whether a number or literal ends here as Jackson requires (else it reports an unrecognized token). */
  private boolean delimited() {
    if (i >= end) return true;
    byte c = b[i];
    return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private boolean literal(String word) {
    int n = word.length();
    if (end - i < n) return false;
    for (int k = 0; k < n; k++) if (b[i + k] != word.charAt(k)) return false;
    i += n;
    return delimited();
  }

  /**
   * Decodes a string body with escapes from {@code s} (just after the opening quote) into
   * {@link #scratch} as the UTF-8 of the text Jackson would return; sets {@link #i} past the
   * closing quote. False for what Jackson may read differently or reject: an unknown escape,
   * a lone surrogate (Jackson's text would hold it, and its UTF-8 a '?'), a control
   * character, invalid UTF-8 or a missing end.
   */
  private boolean unescape(int s) {
    i = s;
    if (scratch.length < end - s) scratch = new byte[Math.max(end - s, scratch.length * 2)]; // output is never longer
    byte[] out = scratch;
    int n = 0;
    boolean ascii = true;
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        i++;
        scratchLength = n;
        return ascii || TextParsers.validUtf8(out, 0, n);
      }
      if (c >= 0 && c < 0x20) return false;
      if (c != '\\') {
        if (c < 0) ascii = false;
        out[n++] = c;
        i++;
        continue;
      }
      if (++i >= end) return false;
      byte e = b[i++];
      switch (e) {
        case '"', '\\', '/' -> out[n++] = e;
        case 'b' -> out[n++] = '\b';
        case 'f' -> out[n++] = '\f';
        case 'n' -> out[n++] = '\n';
        case 'r' -> out[n++] = '\r';
        case 't' -> out[n++] = '\t';
        case 'u' -> {
          int cp = hex4();
          if (cp < 0 || Character.isLowSurrogate((char) cp)) return false;
          if (Character.isHighSurrogate((char) cp)) {
            if (end - i < 2 || b[i] != '\\' || b[i + 1] != 'u') return false;
            i += 2;
            int low = hex4();
            if (low < 0 || !Character.isLowSurrogate((char) low)) return false;
            cp = Character.toCodePoint((char) cp, (char) low);
          }
          n = putUtf8(out, n, cp);
        }
        default -> {
          return false;
        }
      }
    }
    return false;
  }

  /** The four hex digits at {@link #i} (moved past them), or -1. */
  private int hex4() {
    if (end - i < 4) return -1;
    int v = 0;
    for (int k = 0; k < 4; k++) {
      int d = Character.digit(b[i + k], 16);
      if (d < 0) return -1;
      v = v << 4 | d;
    }
    i += 4;
    return v;
  }

  private static int putUtf8(byte[] out, int n, int cp) {
    if (cp < 0x80) {
      out[n++] = (byte) cp;
    } else if (cp < 0x800) {
      out[n++] = (byte) (0xC0 | cp >> 6);
      out[n++] = (byte) (0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out[n++] = (byte) (0xE0 | cp >> 12);
      out[n++] = (byte) (0x80 | (cp >> 6 & 0x3F));
      out[n++] = (byte) (0x80 | (cp & 0x3F));
    } else {
      out[n++] = (byte) (0xF0 | cp >> 18);
      out[n++] = (byte) (0x80 | (cp >> 12 & 0x3F));
      out[n++] = (byte) (0x80 | (cp >> 6 & 0x3F));
      out[n++] = (byte) (0x80 | (cp & 0x3F));
    }
    return n;
  }

  /** Writes the value at {@link #i} into column {@code c}, as the column's Jackson writer would. */
  private boolean value(int c, int row) {
    int kind = kinds[c];
    byte x = b[i];
    if (x == '"') {
      int s = ++i;
      byte[] src = b;
      int vs = s;
      int ve;
      if (string()) {
        ve = strEnd;
      } else {
        if (!unescape(s)) return false; // not (only) escapes: Jackson decides
        src = scratch;
        vs = 0;
        ve = scratchLength;
      }
      if (kind == STRING) {
        strings[c].setSafe(row, src, vs, ve - vs);
        return true;
      }
      return kind != NESTED && texts[c].write(row, src, vs, ve);
    }
    if (x == '-' || (x >= '0' && x <= '9')) {
      int s = i;
      if (!number()) return false;
      switch (kind) {
        case LONG:
          if (!numIsInt || !numFitsLong) return false;
          BigIntVector lv = longs[c];
          if (row < caps[c]) {
            lv.set(row, numValue);
          } else {
            lv.setSafe(row, numValue);
            caps[c] = lv.getValueCapacity();
          }
          return true;
        case INT:
          if (!numIsInt || !numFitsLong || numValue != (int) numValue) return false;
          IntVector iv = ints[c];
          if (row < caps[c]) {
            iv.set(row, (int) numValue);
          } else {
            iv.setSafe(row, (int) numValue);
            caps[c] = iv.getValueCapacity();
          }
          return true;
        case DOUBLE:
          double d;
          if (numIsInt) {
            if (!numFitsLong) return false;
            d = numValue; // Jackson converts an integer token from its long value
          } else if (numDoubleOk) {
            d = numDouble;
          } else {
            d = parsers.parseDouble(b, s, i); // correctly rounded, like Jackson's fast double parser
            if (!parsers.ok) return false;
          }
          Float8Vector dv = doubles[c];
          if (row < caps[c]) {
            dv.set(row, d);
          } else {
            dv.setSafe(row, d);
            caps[c] = dv.getValueCapacity();
          }
          return true;
        case STRING:
          strings[c].setSafe(row, b, s, i - s); // Jackson's text of a number is its source text
          return true;
        default:
          return false;
      }
    }
    if (x == 'n') {
      if (!literal("null")) return false;
      columns[c].writeNull(row);
      return true;
    }
    if (x == 't' || x == 'f') {
      int s = i;
      boolean v = x == 't';
      if (!literal(v ? "true" : "false")) return false;
      if (kind == BOOL) {
        BitVector bv = bits[c];
        if (row < caps[c]) {
          bv.set(row, v ? 1 : 0);
        } else {
          bv.setSafe(row, v ? 1 : 0);
          caps[c] = bv.getValueCapacity();
        }
        return true;
      }
      if (kind == STRING) {
        strings[c].setSafe(row, b, s, i - s);
        return true;
      }
      return false;
    }
    return false;
  }

  /** Validates and skips the value at {@link #i} (a key outside the schema). */
  private boolean skip(int depth) {
    byte x = b[i];
    switch (x) {
      case '"':
        i++;
        return skipString();
      case '{':
        if (depth >= MAX_DEPTH) return false;
        i++;
        skipSpace();
        if (i < end && b[i] == '}') {
          i++;
          return true;
        }
        while (true) {
          if (i >= end || b[i] != '"') return false;
          i++;
          if (!skipString()) return false;
          skipSpace();
          if (i >= end || b[i] != ':') return false;
          i++;
          skipSpace();
          if (i >= end || !skip(depth + 1)) return false;
          skipSpace();
          if (i >= end) return false;
          byte c = b[i++];
          if (c == '}') return true;
          if (c != ',') return false;
          skipSpace();
        }
      case '[':
        if (depth >= MAX_DEPTH) return false;
        i++;
        skipSpace();
        if (i < end && b[i] == ']') {
          i++;
          return true;
        }
        while (true) {
          if (i >= end || !skip(depth + 1)) return false;
          skipSpace();
          if (i >= end) return false;
          byte c = b[i++];
          if (c == ']') return true;
          if (c != ',') return false;
          skipSpace();
        }
      case 'n':
        return literal("null");
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      default:
        return (x == '-' || (x >= '0' && x <= '9')) && number();
    }
  }

  /** Like {@link #string} but also steps over the escapes JSON allows. */
  private boolean skipString() {
    int s = i;
    boolean ascii = true;
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        int e = i++;
        return ascii || TextParsers.validUtf8(b, s, e);
      }
      if (c >= 0 && c < 0x20) return false;
      if (c < 0) ascii = false;
      if (c == '\\') {
        if (++i >= end) return false;
        switch (b[i]) {
          case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i++;
          case 'u' -> {
            if (end - i < 5) return false;
            for (int k = 1; k <= 4; k++) if (Character.digit(b[i + k], 16) < 0) return false;
            i += 5;
          }
          default -> {
            return false;
          }
        }
        continue;
      }
      i++;
    }
    return false;
  }
}
