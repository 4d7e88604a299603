package io.logpro.postgres.copy;

/**
 * Encodes the values of one Arrow vector in one PostgreSQL type's binary format (what the type's
 * {@code recv} function reads). Indexes are positions in the vector. Implementations read the
 * vector's buffers directly and allocate nothing per value: they run once per value of every
 * batch the sink writes.
 */
public abstract class ValueCodec {

  /** True when the value at {@code index} is null. */
  public abstract boolean isNull(int index);

  /** Bytes of the non-null value at {@code index}, the 4-byte length word not included. */
  public abstract int size(int index);

  /** Writes the non-null value at {@code index} at {@code pos}; returns the position after it. */
  public abstract int write(int index, byte[] out, int pos);

  /** Whether some non-null values cannot be encoded (out of the column's range, text that is no uuid). */
  public boolean mayReject() {
    return false;
  }

  /**
   * Why the non-null value at {@code index} cannot go into the column, as "SQLSTATE: message"
   * with the state the server would report, or null when it can.
   */
  public String reject(int index) {
    return null;
  }
}
