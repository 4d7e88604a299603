package io.logpro.postgres.copy;

import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.ValueVector;

/**
 * uuid (16 bytes) from a FixedSizeBinary(16) value, or from its text form (36 characters with
 * dashes, or 32 hex digits, either case) parsed straight from the vector's bytes; text that is
 * no uuid is rejected.
 */
final class UuidCodec extends VectorCodec<ValueVector> {
  private final BytesCodec bytes;
  private final boolean binary;
  private final byte[] text = new byte[36];

  UuidCodec(ValueVector vector) {
    super(vector);
    this.bytes = new BytesCodec(vector, -1);
    this.binary = vector instanceof FixedSizeBinaryVector;
  }

  @Override
  public int size(int index) {
    return 16;
  }

  @Override
  public int write(int index, byte[] out, int pos) {
    if (binary) {
      bytes.copy(index, out, pos);
      return pos + 16;
    }
    int len = bytes.length(index);
    bytes.copy(index, text, 0);
    parse(text, len, out, pos);
    return pos + 16;
  }

  @Override
  public boolean mayReject() {
    return true;
  }

  @Override
  public String reject(int index) {
    int len = bytes.length(index);
    if (binary) return len == 16 ? null : "22P02: a uuid has 16 bytes, found " + len;
    if (len != 36 && len != 32) return "22P02: invalid input syntax for type uuid (" + len + " bytes)";
    bytes.copy(index, text, 0);
    return parse(text, len, null, 0) ? null : "22P02: invalid input syntax for type uuid: \"" + new String(text, 0, len, java.nio.charset.StandardCharsets.UTF_8) + "\"";
  }

  /** Parses 36 (dashed) or 32 hex characters into 16 bytes at {@code out[pos]} (when out is not null); false when malformed. */
  static boolean parse(byte[] s, int len, byte[] out, int pos) {
    int i = 0;
    for (int b = 0; b < 16; b++) {
      if (len == 36 && (i == 8 || i == 13 || i == 18 || i == 23)) {
        if (s[i] != '-') return false;
        i++;
      }
      int hi = hex(s[i++]);
      int lo = hex(s[i++]);
      if ((hi | lo) < 0) return false;
      if (out != null) out[pos + b] = (byte) (hi << 4 | lo);
    }
    return true;
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
}
