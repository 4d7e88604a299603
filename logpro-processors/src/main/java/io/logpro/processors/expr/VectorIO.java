package io.logpro.processors.expr;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** Bulk moves between Arrow vectors and the primitive arrays expressions evaluate on. */
final class VectorIO {
  private VectorIO() {}

  static Col read(FieldVector v, VType type, int n) {
    boolean[] nulls = nulls(v, n);
    return switch (type) {
      case BOOL -> {
        boolean[] out = new boolean[n];
        ArrowBuf data = ((BitVector) v).getDataBuffer();
        for (int i = 0; i < n; i++) out[i] = BitVectorHelper.get(data, i) != 0;
        yield new Col.Bools(out, nulls);
      }
      case DOUBLE -> new Col.Doubles(readDoubles(v, n), nulls);
      case STRING -> readStrings(v, n, nulls);
      case NULL -> new Col.Longs(new long[n], allNulls(n));
      default -> new Col.Longs(readLongs(v, n), nulls);
    };
  }

  private static boolean[] allNulls(int n) {
    boolean[] out = new boolean[n];
    java.util.Arrays.fill(out, true);
    return out;
  }

  private static boolean[] nulls(FieldVector v, int n) {
    if (v instanceof NullVector) return allNulls(n);
    if (v.getNullCount() == 0) return null;
    ArrowBuf validity = v.getValidityBuffer();
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) out[i] = BitVectorHelper.get(validity, i) == 0;
    return out;
  }

  private static long[] readLongs(FieldVector v, int n) {
    long[] out = new long[n];
    if (v instanceof BigIntVector || v instanceof TimeStampVector) {
      ArrowBuf data = v.getDataBuffer();
      for (int i = 0; i < n; i++) out[i] = data.getLong((long) i * 8);
      if (v.getField().getType() instanceof ArrowType.Timestamp ts && ts.getUnit() != TimeUnit.MICROSECOND) {
        for (int i = 0; i < n; i++) {
          out[i] = switch (ts.getUnit()) {
            case SECOND -> out[i] * Temporal.MICROS_PER_SECOND;
            case MILLISECOND -> out[i] * 1000;
            default -> Math.floorDiv(out[i], 1000);
          };
        }
      }
    } else if (v instanceof IntVector || v instanceof DateDayVector) {
      ArrowBuf data = v.getDataBuffer();
      for (int i = 0; i < n; i++) out[i] = data.getInt((long) i * 4);
    } else if (v instanceof DateMilliVector) {
      ArrowBuf data = v.getDataBuffer();
      for (int i = 0; i < n; i++) out[i] = Math.floorDiv(data.getLong((long) i * 8), 86_400_000L);
    } else if (v instanceof BaseIntVector ints) {
      for (int i = 0; i < n; i++) out[i] = ints.isNull(i) ? 0 : ints.getValueAsLong(i);
    } else {
      throw new IllegalStateException("cannot read " + v.getField() + " as integers");
    }
    return out;
  }

  private static double[] readDoubles(FieldVector v, int n) {
    double[] out = new double[n];
    if (v instanceof Float8Vector) {
      ArrowBuf data = v.getDataBuffer();
      for (int i = 0; i < n; i++) out[i] = data.getDouble((long) i * 8);
    } else if (v instanceof Float4Vector) {
      ArrowBuf data = v.getDataBuffer();
      for (int i = 0; i < n; i++) out[i] = data.getFloat((long) i * 4);
    } else if (v instanceof DecimalVector dec) {
      // Decimals are read as doubles (lossy beyond ~15 digits) until the language has a decimal type.
      for (int i = 0; i < n; i++) out[i] = dec.isNull(i) ? 0 : dec.getObject(i).doubleValue();
    } else {
      throw new IllegalStateException("cannot read " + v.getField() + " as doubles");
    }
    return out;
  }

  private static Col.Strings readStrings(FieldVector v, int n, boolean[] nulls) {
    int[] offsets = new int[n + 1];
    byte[] data;
    if (v instanceof VarCharVector s) {
      ArrowBuf off = s.getOffsetBuffer();
      int base = n == 0 ? 0 : off.getInt(0);
      for (int i = 0; i <= n; i++) offsets[i] = off.getInt((long) i * 4) - base;
      data = new byte[offsets[n]];
      s.getDataBuffer().getBytes(base, data, 0, data.length);
    } else if (v instanceof LargeVarCharVector s) {
      ArrowBuf off = s.getOffsetBuffer();
      long base = n == 0 ? 0 : off.getLong(0);
      for (int i = 0; i <= n; i++) offsets[i] = Math.toIntExact(off.getLong((long) i * 8) - base);
      data = new byte[offsets[n]];
      s.getDataBuffer().getBytes(base, data, 0, data.length);
    } else {
      throw new IllegalStateException("cannot read " + v.getField() + " as strings");
    }
    return new Col.Strings(data, offsets, nulls);
  }

  /** Writes the first {@code n} values of {@code col} into a new vector of {@code type}'s Arrow type. */
  static FieldVector write(Col col, VType type, int n, String name, BufferAllocator allocator) {
    Field field = Field.nullable(name, type.arrow);
    FieldVector vector = field.createVector(allocator);
    try {
      fill(vector, col, type, n);
      return vector;
    } catch (RuntimeException | Error e) {
      vector.close();
      throw e;
    }
  }

  private static void fill(FieldVector vector, Col col, VType type, int n) {
    if (vector instanceof NullVector nv) {
      nv.setValueCount(n);
      return;
    }
    boolean[] nulls = col.nulls();
    if (vector instanceof VarCharVector s) {
      Col.Strings str = (Col.Strings) col;
      s.allocateNew(Math.max(1, n == 0 ? 0 : str.end(n - 1) - str.start(0)), Math.max(1, n));
      for (int i = 0; i < n; i++) {
        if (nulls != null && nulls[i]) s.setNull(i);
        else s.set(i, str.data(), str.start(i), str.end(i) - str.start(i));
      }
      s.setValueCount(n);
      return;
    }
    vector.setInitialCapacity(n);
    vector.allocateNew();
    ArrowBuf data = vector.getDataBuffer();
    ArrowBuf validity = vector.getValidityBuffer();
    switch (col) {
      case Col.Bools b -> {
        for (int i = 0; i < n; i++) if (b.v()[i]) BitVectorHelper.setBit(data, i);
      }
      case Col.Doubles d -> {
        for (int i = 0; i < n; i++) data.setDouble((long) i * 8, d.v()[i]);
      }
      case Col.Longs l -> {
        if (vector instanceof IntVector || vector instanceof DateDayVector) {
          for (int i = 0; i < n; i++) data.setInt((long) i * 4, (int) l.v()[i]);
        } else if (vector instanceof BigIntVector || vector instanceof TimeStampMicroVector || vector instanceof TimeStampMicroTZVector) {
          for (int i = 0; i < n; i++) data.setLong((long) i * 8, l.v()[i]);
        } else {
          throw new IllegalStateException("no writer for " + type);
        }
      }
      case Col.Strings s -> throw new IllegalStateException("strings go to VarCharVector");
    }
    if (nulls == null) {
      validity.setOne(0, (long) BitVectorHelper.getValidityBufferSize(n));
    } else {
      for (int i = 0; i < n; i++) if (!nulls[i]) BitVectorHelper.setBit(validity, i);
    }
    vector.setValueCount(n);
  }
}
