package io.logpro.postgres.copy;

/** The staging table's {@code _seq}: the row's index in its batch (int4), which orders changes to one key. */
public final class SeqCodec extends ValueCodec {
  public static final SeqCodec INSTANCE = new SeqCodec();

  private SeqCodec() {}

  @Override
  public boolean isNull(int index) {
    return false;
  }

  @Override
  public int size(int index) {
    return 4;
  }

  @Override
  public int write(int index, byte[] out, int pos) {
    return BigEndian.putInt(out, pos, index);
  }
}
