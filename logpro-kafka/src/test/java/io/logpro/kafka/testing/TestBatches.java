package io.logpro.kafka.testing;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Arrow batches built by hand for sink tests: columns {@code id int32, name utf8}. */
public final class TestBatches {
  public static final Schema ID_NAME = new Schema(List.of(
      new Field("id", FieldType.nullable(new ArrowType.Int(32, true)), null),
      new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

  private TestBatches() {}

  /** A batch of rows {@code (ids[i], names[i])} (a null name stays null) covering {@code positions}. */
  public static Batch idName(BufferAllocator allocator, int[] ids, String[] names, Checkpoint positions) {
    VectorSchemaRoot root = VectorSchemaRoot.create(ID_NAME, allocator);
    IntVector id = (IntVector) root.getVector("id");
    VarCharVector name = (VarCharVector) root.getVector("name");
    id.allocateNew(ids.length);
    name.allocateNew(ids.length);
    for (int i = 0; i < ids.length; i++) {
      id.set(i, ids[i]);
      if (names[i] == null) name.setNull(i);
      else name.setSafe(i, names[i].getBytes(StandardCharsets.UTF_8));
    }
    root.setRowCount(ids.length);
    return new Batch(root, null, positions);
  }
}
