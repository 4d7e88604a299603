package io.logpro.postgres.copy;

import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.ValueVector;

/** Arrow floating point or integer values into float4 or float8 (IEEE 754 bits, network order). */
final class FloatCodec extends VectorCodec<ValueVector> {
  private static final int F2 = 0;
  private static final int F4 = 1;
  private static final int F8 = 2;
  private static final int INT = 3;
  private static final int UINT64 = 4;

  private final int source;
  private final boolean toFloat4;

  FloatCodec(ValueVector vector, int targetOid) {
    super(vector);
    this.source = vector instanceof Float8Vector ? F8 : vector instanceof Float4Vector ? F4 : vector instanceof Float2Vector ? F2
        : vector instanceof UInt8Vector ? UINT64 : INT;
    this.toFloat4 = targetOid == PgOids.FLOAT4;
  }

  static boolean accepts(ValueVector vector) {
    return vector instanceof Float8Vector || vector instanceof Float4Vector || vector instanceof Float2Vector || vector instanceof BaseIntVector;
  }

  private double value(int index) {
    return switch (source) {
      case F8 -> ((Float8Vector) vector).get(index);
      case F4 -> ((Float4Vector) vector).get(index);
      case F2 -> ((Float2Vector) vector).getValueAsFloat(index);
      case UINT64 -> unsignedToDouble(((BaseIntVector) vector).getValueAsLong(index));
      default -> ((BaseIntVector) vector).getValueAsLong(index);
    };
  }

  private static double unsignedToDouble(long v) {
    return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
  }

  @Override
  public int size(int index) {
    return toFloat4 ? 4 : 8;
  }

  @Override
  public int write(int index, byte[] out, int pos) {
    if (toFloat4) {
      float f = source == F4 ? ((Float4Vector) vector).get(index) : (float) value(index);
      return BigEndian.putInt(out, pos, Float.floatToIntBits(f));
    }
    return BigEndian.putLong(out, pos, Double.doubleToLongBits(value(index)));
  }
}
