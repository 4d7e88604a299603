package io.logpro.processors;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** Builds small Arrow batches for tests, column by column; a null element is a NULL value. */
public final class Batches {
  private final BufferAllocator allocator;
  private final List<FieldVector> vectors = new ArrayList<>();
  private int rows = -1;

  private Batches(BufferAllocator allocator) {
    this.allocator = allocator;
  }

  public static Batches with(BufferAllocator allocator) {
    return new Batches(allocator);
  }

  private void count(int n) {
    if (rows >= 0 && rows != n) throw new IllegalArgumentException("column has " + n + " rows, expected " + rows);
    rows = n;
  }

  public Batches int64(String name, Long... values) {
    count(values.length);
    BigIntVector v = new BigIntVector(name, allocator);
    v.allocateNew(values.length);
    for (int i = 0; i < values.length; i++) if (values[i] == null) v.setNull(i); else v.set(i, values[i]);
    v.setValueCount(values.length);
    vectors.add(v);
    return this;
  }

  public Batches int32(String name, Integer... values) {
    count(values.length);
    IntVector v = new IntVector(name, allocator);
    v.allocateNew(values.length);
    for (int i = 0; i < values.length; i++) if (values[i] == null) v.setNull(i); else v.set(i, values[i]);
    v.setValueCount(values.length);
    vectors.add(v);
    return this;
  }

  public Batches float64(String name, Double... values) {
    count(values.length);
    Float8Vector v = new Float8Vector(name, allocator);
    v.allocateNew(values.length);
    for (int i = 0; i < values.length; i++) if (values[i] == null) v.setNull(i); else v.set(i, values[i]);
    v.setValueCount(values.length);
    vectors.add(v);
    return this;
  }

  public Batches bool(String name, Boolean... values) {
    count(values.length);
    BitVector v = new BitVector(name, allocator);
    v.allocateNew(values.length);
    for (int i = 0; i < values.length; i++) if (values[i] == null) v.setNull(i); else v.set(i, values[i] ? 1 : 0);
    v.setValueCount(values.length);
    vectors.add(v);
    return this;
  }

  public Batches utf8(String name, String... values) {
    count(values.length);
    VarCharVector v = new VarCharVector(name, allocator);
    v.allocateNew(values.length);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) v.setNull(i); else v.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
    }
    v.setValueCount(values.length);
    vectors.add(v);
    return this;
  }

  /** Timestamp(MICROSECOND, null) from "2024-01-01 10:00:00" strings. */
  public Batches timestamp(String name, String... values) {
    count(values.length);
    TimeStampMicroVector v = new TimeStampMicroVector(
        new Field(name, org.apache.arrow.vector.types.pojo.FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)), null),
        allocator);
    v.allocateNew(values.length);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) v.setNull(i); else v.set(i, micros(values[i]));
    }
    v.setValueCount(values.length);
    vectors.add(v);
    return this;
  }

  public static long micros(String text) {
    LocalDateTime t = LocalDateTime.parse(text.replace(' ', 'T'));
    return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
  }

  public VectorSchemaRoot root() {
    VectorSchemaRoot root = new VectorSchemaRoot(new ArrayList<>(vectors));
    root.setRowCount(Math.max(rows, 0));
    return root;
  }
}
