package io.logpro.messaging.redis;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.RowOrigins;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * CDC-like rows built by hand: {@code vendor_id int32, trip_id int64, status utf8 (null on every
 * 5th trip), _op utf8, _table utf8}; trip i has vendor {@code i % 3 + 1} and table
 * {@code public.trips} (even) or {@code public.fares} (odd).
 */
final class TestTrips {
  static final Schema SCHEMA = new Schema(List.of(
      new Field("vendor_id", FieldType.notNullable(new ArrowType.Int(32, true)), null),
      new Field("trip_id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
      new Field("status", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
      new Field("_op", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
      new Field("_table", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null)));

  private TestTrips() {}

  static int vendor(long trip) {
    return (int) (trip % 3 + 1);
  }

  static String status(long trip) {
    return trip % 5 == 0 ? null : "st\"" + trip + "\" ✓";
  }

  static String op(long trip) {
    return trip % 4 == 0 ? "d" : "u";
  }

  static String table(long trip) {
    return trip % 2 == 0 ? "public.trips" : "public.fares";
  }

  static Batch batch(BufferAllocator allocator, long firstTrip, int rows) {
    VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
    root.allocateNew();
    List<RawMessage> origins = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      long t = firstTrip + i;
      ((IntVector) root.getVector("vendor_id")).setSafe(i, vendor(t));
      ((BigIntVector) root.getVector("trip_id")).setSafe(i, t);
      String s = status(t);
      if (s == null) ((VarCharVector) root.getVector("status")).setNull(i);
      else ((VarCharVector) root.getVector("status")).setSafe(i, s.getBytes(StandardCharsets.UTF_8));
      ((VarCharVector) root.getVector("_op")).setSafe(i, op(t).getBytes(StandardCharsets.UTF_8));
      ((VarCharVector) root.getVector("_table")).setSafe(i, table(t).getBytes(StandardCharsets.UTF_8));
      origins.add(RawMessage.of(new byte[0], Position.of("lsn", t + 1)));
    }
    root.setRowCount(rows);
    return new Batch(root, RowOrigins.identity(origins), Checkpoint.of(Position.of("lsn", firstTrip + rows)));
  }
}
