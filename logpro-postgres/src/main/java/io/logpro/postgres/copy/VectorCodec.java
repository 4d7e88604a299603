package io.logpro.postgres.copy;

import org.apache.arrow.vector.ValueVector;

/** A codec over one vector whose validity buffer says which values are null. */
abstract class VectorCodec<V extends ValueVector> extends ValueCodec {
  protected final V vector;

  VectorCodec(V vector) {
    this.vector = vector;
  }

  @Override
  public boolean isNull(int index) {
    return vector.isNull(index);
  }
}
