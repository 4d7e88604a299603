package io.logpro.postgres.copy;

/** Every value null: an Arrow Null column, or a column whose values cannot go into the target (they are rejected first). */
public final class NullCodec extends ValueCodec {
  public static final NullCodec INSTANCE = new NullCodec();

  private NullCodec() {}

  @Override
  public boolean isNull(int index) {
    return true;
  }

  @Override
  public int size(int index) {
    return 0;
  }

  @Override
  public int write(int index, byte[] out, int pos) {
    return pos;
  }
}
