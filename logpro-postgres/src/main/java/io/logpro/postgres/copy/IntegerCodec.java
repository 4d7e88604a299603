package io.logpro.postgres.copy;

import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Arrow integers of any width and signedness into int2, int4 or int8; values outside the column's range are rejected. */
final class IntegerCodec extends VectorCodec<BaseIntVector> {
  private final int width;
  private final long min;
  private final long max;
  private final boolean unsigned64;
  private final boolean mayOverflow;
  private final String typeName;

  IntegerCodec(BaseIntVector vector, ArrowType.Int source, int targetOid) {
    super(vector);
    this.width = switch (targetOid) {
      case PgOids.INT2 -> 2;
      case PgOids.INT4 -> 4;
      default -> 8;
    };
    this.min = width == 2 ? Short.MIN_VALUE : width == 4 ? Integer.MIN_VALUE : Long.MIN_VALUE;
    this.max = width == 2 ? Short.MAX_VALUE : width == 4 ? Integer.MAX_VALUE : Long.MAX_VALUE;
    this.unsigned64 = vector instanceof UInt8Vector;
    int bits = source.getBitWidth();
    // A signed source fits when it is no wider; an unsigned one needs one more bit.
    this.mayOverflow = source.getIsSigned() ? bits > width * 8 : bits >= width * 8;
    this.typeName = width == 2 ? "smallint" : width == 4 ? "integer" : "bigint";
  }

  @Override
  public int size(int index) {
    return width;
  }

  @Override
  public int write(int index, byte[] out, int pos) {
    long v = vector.getValueAsLong(index);
    return switch (width) {
      case 2 -> BigEndian.putShort(out, pos, (int) v);
      case 4 -> BigEndian.putInt(out, pos, (int) v);
      default -> BigEndian.putLong(out, pos, v);
    };
  }

  @Override
  public boolean mayReject() {
    return mayOverflow;
  }

  @Override
  public String reject(int index) {
    long v = vector.getValueAsLong(index);
    if (unsigned64 && v < 0) return "22003: value " + Long.toUnsignedString(v) + " is out of range for type " + typeName;
    if (v < min || v > max) return "22003: value " + v + " is out of range for type " + typeName;
    return null;
  }
}
