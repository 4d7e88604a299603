package io.logpro.postgres.copy;

import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.ValueVector;

/**
 * Arrow Decimal, integers or floating point into numeric. The server applies the column's
 * precision and scale (rounding, or an overflow error that sends the row to the dead letters).
 * A value is converted once for its size and once more to write it: cheaper than keeping the
 * digits of a whole window, and numeric columns are few.
 */
final class NumericCodec extends VectorCodec<ValueVector> {
  private final PgNumeric num = new PgNumeric();
  private final int scale;

  NumericCodec(ValueVector vector) {
    super(vector);
    this.scale = vector instanceof DecimalVector d ? d.getScale() : 0;
  }

  static boolean accepts(ValueVector v) {
    return v instanceof DecimalVector || v instanceof Decimal256Vector || v instanceof BaseIntVector
        || v instanceof Float8Vector || v instanceof Float4Vector || v instanceof Float2Vector;
  }

  private PgNumeric load(int index) {
    if (vector instanceof DecimalVector d) {
      var buf = d.getDataBuffer();
      long at = (long) index * DecimalVector.TYPE_WIDTH;
      return scale >= 0 ? num.set128(buf.getLong(at), buf.getLong(at + 8), scale) : num.setBigDecimal(d.getObject(index));
    }
    if (vector instanceof UInt8Vector u) return num.setUnsignedLong(u.get(index));
    if (vector instanceof BaseIntVector i) return num.setLong(i.getValueAsLong(index), 0);
    if (vector instanceof Float8Vector f) return num.setDouble(f.get(index));
    if (vector instanceof Float4Vector f) return num.setFloat(f.get(index));
    if (vector instanceof Float2Vector f) return num.setFloat(f.getValueAsFloat(index));
    return num.setBigDecimal(((Decimal256Vector) vector).getObject(index));
  }

  @Override
  public int size(int index) {
    return load(index).size();
  }

  @Override
  public int write(int index, byte[] out, int pos) {
    return load(index).write(out, pos);
  }
}
