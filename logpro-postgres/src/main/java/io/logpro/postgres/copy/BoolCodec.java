package io.logpro.postgres.copy;

import org.apache.arrow.vector.BitVector;

/** Arrow Bool into boolean: one byte, 0 or 1. */
final class BoolCodec extends VectorCodec<BitVector> {
  BoolCodec(BitVector vector) {
    super(vector);
  }

  @Override
  public int size(int index) {
    return 1;
  }

  @Override
  public int write(int index, byte[] out, int pos) {
    out[pos] = (byte) vector.get(index);
    return pos + 1;
  }
}
