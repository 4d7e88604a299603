package io.logpro.postgres.copy;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * An Arrow List (or LargeList, FixedSizeList) into a one-dimensional PostgreSQL array: int4
 * ndim (0 when empty), int4 has-nulls flag, int4 element oid, then int4 length and int4 lower
 * bound 1, then each element with its length word (-1 for null) as the element codec encodes it.
 */
final class ArrayCodec extends VectorCodec<FieldVector> {
  private final ValueCodec element;
  private final int elementOid;

  ArrayCodec(FieldVector vector, ValueCodec element, int elementOid) {
    super(vector);
    this.element = element;
    this.elementOid = elementOid;
  }

  static FieldVector elements(FieldVector list) {
    if (list instanceof ListVector l) return l.getDataVector();
    if (list instanceof LargeListVector l) return (FieldVector) l.getDataVector();
    return ((FixedSizeListVector) list).getDataVector();
  }

  private int start(int index) {
    if (vector instanceof ListVector l) return l.getElementStartIndex(index);
    if (vector instanceof LargeListVector l) return Math.toIntExact(l.getElementStartIndex(index));
    return index * ((FixedSizeListVector) vector).getListSize();
  }

  private int end(int index) {
    if (vector instanceof ListVector l) return l.getElementEndIndex(index);
    if (vector instanceof LargeListVector l) return Math.toIntExact(l.getElementEndIndex(index));
    return (index + 1) * ((FixedSizeListVector) vector).getListSize();
  }

  @Override
  public int size(int index) {
    int from = start(index);
    int to = end(index);
    int size = from == to ? 12 : 20;
    for (int j = from; j < to; j++) size += element.isNull(j) ? 4 : 4 + element.size(j);
    return size;
  }

  @Override
  public int write(int index, byte[] out, int pos) {
    int from = start(index);
    int to = end(index);
    pos = BigEndian.putInt(out, pos, from == to ? 0 : 1);
    int flagAt = pos;
    pos = BigEndian.putInt(out, pos, 0);
    pos = BigEndian.putInt(out, pos, elementOid);
    if (from == to) return pos;
    pos = BigEndian.putInt(out, pos, to - from);
    pos = BigEndian.putInt(out, pos, 1);
    boolean nulls = false;
    for (int j = from; j < to; j++) {
      if (element.isNull(j)) {
        nulls = true;
        pos = BigEndian.putInt(out, pos, -1);
      } else {
        int at = pos;
        pos = element.write(j, out, pos + 4);
        BigEndian.putInt(out, at, pos - at - 4);
      }
    }
    if (nulls) BigEndian.putInt(out, flagAt, 1);
    return pos;
  }

  @Override
  public boolean mayReject() {
    return element.mayReject();
  }

  @Override
  public String reject(int index) {
    int from = start(index);
    for (int j = from, to = end(index); j < to; j++) {
      if (!element.isNull(j)) {
        String why = element.reject(j);
        if (why != null) {
          int colon = why.indexOf(": ");
          return why.substring(0, colon) + ": array element " + (j - from + 1) + ": " + why.substring(colon + 2);
        }
      }
    }
    return null;
  }
}
