package io.logpro.http;

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
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Batches built by hand: {@code id int64, name utf8 (null on every 7th row), fare float64,
 * paid bool, at timestamp[us, UTC]}; row i has id {@code firstId + i} and source position
 * {@code ("p0", firstId + i + 1)}.
 */
final class TestRows {
  static final Schema SCHEMA = new Schema(List.of(
      new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
      new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
      new Field("fare", FieldType.nullable(new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE)), null),
      new Field("paid", FieldType.nullable(ArrowType.Bool.INSTANCE), null),
      new Field("at", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")), null)));

  /** 2024-01-01T00:00:00Z in microseconds. */
  static final long BASE_MICROS = 1_704_067_200_000_000L;

  private TestRows() {}

  static String name(long id) {
    return id % 7 == 0 ? null : "rider \"" + id + "\"\nline two ✓";
  }

  static double fare(long id) {
    return id * 1.25;
  }

  static boolean paid(long id) {
    return id % 2 == 0;
  }

  static long atMicros(long id) {
    return BASE_MICROS + id * 1_000_001L;
  }

  static Batch batch(BufferAllocator allocator, long firstId, int rows) {
    VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
    root.allocateNew();
    BigIntVector id = (BigIntVector) root.getVector("id");
    VarCharVector name = (VarCharVector) root.getVector("name");
    Float8Vector fare = (Float8Vector) root.getVector("fare");
    BitVector paid = (BitVector) root.getVector("paid");
    TimeStampMicroTZVector at = (TimeStampMicroTZVector) root.getVector("at");
    List<RawMessage> origins = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      long v = firstId + i;
      id.setSafe(i, v);
      String n = name(v);
      if (n == null) name.setNull(i);
      else name.setSafe(i, n.getBytes(StandardCharsets.UTF_8));
      fare.setSafe(i, fare(v));
      paid.setSafe(i, paid(v) ? 1 : 0);
      at.setSafe(i, atMicros(v));
      origins.add(RawMessage.of(new byte[0], Position.of("p0", v + 1)));
    }
    root.setRowCount(rows);
    return new Batch(root, RowOrigins.identity(origins), Checkpoint.of(Position.of("p0", firstId + rows)));
  }
}
