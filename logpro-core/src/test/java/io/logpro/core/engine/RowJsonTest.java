package io.logpro.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class RowJsonTest {
  @Test
  void rendersARowOfColumnsAsAJsonObjectForTheDeadLetterOutput() {
    Schema schema = new Schema(List.of(
        new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null),
        new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
        new Field("fare", FieldType.nullable(new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE)), null),
        new Field("at", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)), null)));
    try (var alloc = new RootAllocator(); var root = VectorSchemaRoot.create(schema, alloc)) {
      root.allocateNew();
      ((BigIntVector) root.getVector("id")).setSafe(0, 42);
      ((VarCharVector) root.getVector("name")).setSafe(0, "a \"quoted\" name".getBytes(StandardCharsets.UTF_8));
      ((Float8Vector) root.getVector("fare")).setSafe(0, Double.NaN);
      ((TimeStampMicroVector) root.getVector("at")).setSafe(0, 1_700_000_000_000_000L);
      ((BigIntVector) root.getVector("id")).setNull(1);
      root.setRowCount(2);
      assertThat(new String(RowJson.render(root, 0), StandardCharsets.UTF_8))
          .isEqualTo("{\"id\":42,\"name\":\"a \\\"quoted\\\" name\",\"fare\":\"NaN\",\"at\":\"2023-11-14T22:13:20Z\"}");
      assertThat(new String(RowJson.render(root, 1), StandardCharsets.UTF_8))
          .isEqualTo("{\"id\":null,\"name\":null,\"fare\":null,\"at\":null}");
    }
  }
}
