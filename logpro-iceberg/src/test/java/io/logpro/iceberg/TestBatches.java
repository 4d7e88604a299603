package io.logpro.iceberg;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;
import io.logpro.api.Position;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Builds small Arrow batches for the sink tests. */
final class TestBatches {
  private TestBatches() {}

  static Field nullable(String name, ArrowType type, Field... children) {
    return new Field(name, FieldType.nullable(type), List.of(children));
  }

  static final ArrowType INT = new ArrowType.Int(32, true);
  static final ArrowType LONG = new ArrowType.Int(64, true);
  static final ArrowType DOUBLE = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
  static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
  static final ArrowType TS_UTC = new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");

  /** Columns id (long), name (utf8), amount (double), ts (timestamptz micros), bucket (int). */
  static final Schema EVENTS = new Schema(List.of(
      nullable("id", LONG), nullable("name", UTF8), nullable("amount", DOUBLE), nullable("ts", TS_UTC), nullable("bucket", INT)));

  /** Rows {@code first..first+count}: id=i, name="n"+(i%7), amount=i*0.5, ts=i hours after epoch, bucket=i%4. */
  static VectorSchemaRoot events(BufferAllocator allocator, long first, int count) {
    VectorSchemaRoot root = VectorSchemaRoot.create(EVENTS, allocator);
    root.allocateNew();
    var id = (BigIntVector) root.getVector("id");
    var name = (VarCharVector) root.getVector("name");
    var amount = (Float8Vector) root.getVector("amount");
    var ts = (TimeStampMicroTZVector) root.getVector("ts");
    var bucket = (IntVector) root.getVector("bucket");
    for (int r = 0; r < count; r++) {
      long i = first + r;
      id.setSafe(r, i);
      name.setSafe(r, ("n" + (i % 7)).getBytes(StandardCharsets.UTF_8));
      amount.setSafe(r, i * 0.5);
      ts.setSafe(r, i * 3_600_000_000L);
      bucket.setSafe(r, (int) (i % 4));
    }
    root.setRowCount(count);
    return root;
  }

  static Batch batch(VectorSchemaRoot root, String partition, long lastSequence) {
    return new Batch(root, null, Checkpoint.of(Position.of(partition, lastSequence)));
  }

  record Context(String pipelineName, String componentName, BufferAllocator allocator) implements PipelineContext {}
}
