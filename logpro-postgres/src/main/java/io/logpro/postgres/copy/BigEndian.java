package io.logpro.postgres.copy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Network-order writes into a byte array: the integers of PostgreSQL's binary formats. */
final class BigEndian {
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private BigEndian() {}

  static int putShort(byte[] b, int pos, int v) {
    SHORT.set(b, pos, (short) v);
    return pos + 2;
  }

  static int putInt(byte[] b, int pos, int v) {
    INT.set(b, pos, v);
    return pos + 4;
  }

  static int putLong(byte[] b, int pos, long v) {
    LONG.set(b, pos, v);
    return pos + 8;
  }

  static int getInt(byte[] b, int pos) {
    return (int) INT.get(b, pos);
  }
}
