package io.logpro.postgres.copy;

import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.ViewVarBinaryVector;
import org.apache.arrow.vector.ViewVarCharVector;

/**
 * The bytes of an Arrow Utf8/Binary value as they are: text, varchar, bpchar, json, enum labels
 * (the server's client encoding is UTF-8, as Arrow's strings), bytea; jsonb with its version
 * byte in front. Copies straight from the vector's data buffer.
 */
final class BytesCodec extends VectorCodec<ValueVector> {
  private static final int VAR = 0;
  private static final int LARGE = 1;
  private static final int FIXED = 2;
  private static final int VIEW_CHAR = 3;
  private static final int VIEW_BINARY = 4;

  private final int kind;
  private final int prefix;

  /** {@code prefix} is a byte written before the value (jsonb's format version 1), or -1. */
  BytesCodec(ValueVector vector, int prefix) {
    super(vector);
    this.kind = kindOf(vector);
    if (kind < 0) throw new IllegalArgumentException("not a string or binary vector: " + vector.getClass().getSimpleName());
    this.prefix = prefix;
  }

  static boolean accepts(ValueVector v) {
    return kindOf(v) >= 0;
  }

  private static int kindOf(ValueVector v) {
    if (v instanceof BaseVariableWidthVector) return VAR;
    if (v instanceof BaseLargeVariableWidthVector) return LARGE;
    if (v instanceof FixedSizeBinaryVector) return FIXED;
    if (v instanceof ViewVarCharVector) return VIEW_CHAR;
    if (v instanceof ViewVarBinaryVector) return VIEW_BINARY;
    return -1;
  }

  /** Length in bytes of the value at {@code index}. */
  int length(int index) {
    return switch (kind) {
      case VAR -> {
        BaseVariableWidthVector v = (BaseVariableWidthVector) vector;
        yield v.getEndOffset(index) - v.getStartOffset(index);
      }
      case LARGE -> {
        var offsets = ((BaseLargeVariableWidthVector) vector).getOffsetBuffer();
        yield Math.toIntExact(offsets.getLong((long) (index + 1) * 8) - offsets.getLong((long) index * 8));
      }
      case FIXED -> ((FixedSizeBinaryVector) vector).getByteWidth();
      // View vectors keep short values inline and long ones in variadic buffers; get() resolves both (rare type: one copy is fine).
      case VIEW_CHAR -> ((ViewVarCharVector) vector).get(index).length;
      default -> ((ViewVarBinaryVector) vector).get(index).length;
    };
  }

  /** Copies the value's bytes to {@code out} at {@code pos}; returns its length. */
  int copy(int index, byte[] out, int pos) {
    switch (kind) {
      case VAR -> {
        BaseVariableWidthVector v = (BaseVariableWidthVector) vector;
        int start = v.getStartOffset(index);
        int len = v.getEndOffset(index) - start;
        v.getDataBuffer().getBytes(start, out, pos, len);
        return len;
      }
      case LARGE -> {
        var offsets = ((BaseLargeVariableWidthVector) vector).getOffsetBuffer();
        long start = offsets.getLong((long) index * 8);
        int len = Math.toIntExact(offsets.getLong((long) (index + 1) * 8) - start);
        ((BaseLargeVariableWidthVector) vector).getDataBuffer().getBytes(start, out, pos, len);
        return len;
      }
      case FIXED -> {
        FixedSizeBinaryVector v = (FixedSizeBinaryVector) vector;
        int len = v.getByteWidth();
        v.getDataBuffer().getBytes((long) index * len, out, pos, len);
        return len;
      }
      default -> {
        byte[] b = kind == VIEW_CHAR ? ((ViewVarCharVector) vector).get(index) : ((ViewVarBinaryVector) vector).get(index);
        System.arraycopy(b, 0, out, pos, b.length);
        return b.length;
      }
    }
  }

  @Override
  public int size(int index) {
    return length(index) + (prefix >= 0 ? 1 : 0);
  }

  @Override
  public int write(int index, byte[] out, int pos) {
    if (prefix >= 0) out[pos++] = (byte) prefix;
    return pos + copy(index, out, pos);
  }
}
