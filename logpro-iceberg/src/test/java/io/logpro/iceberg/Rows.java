package io.logpro.iceberg;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** Flat test batches of any columns (int32, int64, double, utf8): {@code value(column, row)} gives each cell, null for null. */
final class Rows {
  private Rows() {}

  static VectorSchemaRoot of(BufferAllocator allocator, List<Field> fields, int rows, BiFunction<String, Integer, Object> value) {
    VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
    root.allocateNew();
    for (FieldVector v : root.getFieldVectors()) {
      for (int r = 0; r < rows; r++) {
        Object x = value.apply(v.getName(), r);
        switch (v) {
          case BigIntVector b -> { if (x == null) b.setNull(r); else b.setSafe(r, ((Number) x).longValue()); }
          case IntVector i -> { if (x == null) i.setNull(r); else i.setSafe(r, ((Number) x).intValue()); }
          case Float8Vector f -> { if (x == null) f.setNull(r); else f.setSafe(r, ((Number) x).doubleValue()); }
          case VarCharVector s -> { if (x == null) s.setNull(r); else s.setSafe(r, x.toString().getBytes(StandardCharsets.UTF_8)); }
          default -> throw new IllegalArgumentException("no test setter for " + v.getField());
        }
      }
    }
    root.setRowCount(rows);
    return root;
  }
}
