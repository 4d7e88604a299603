package io.logpro.messaging.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class ValueTextTest {

  @Test
  void rendersValuesAsTheJsonEncoderDoes() {
    Schema schema = new Schema(List.of(
        new Field("ts", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)), null),
        new Field("tstz", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")), null),
        new Field("d", FieldType.nullable(new ArrowType.Date(DateUnit.DAY)), null),
        new Field("dec", FieldType.nullable(new ArrowType.Decimal(10, 2, 128)), null),
        new Field("f", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null)));
    try (RootAllocator allocator = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      root.allocateNew();
      ((TimeStampMicroVector) root.getVector("ts")).setSafe(0, 1_704_067_200_123_456L);
      ((TimeStampMicroTZVector) root.getVector("tstz")).setSafe(0, 1_704_067_200_000_000L);
      ((DateDayVector) root.getVector("d")).setSafe(0, 19_723);
      ((DecimalVector) root.getVector("dec")).setSafe(0, new BigDecimal("12.50"));
      ((Float8Vector) root.getVector("f")).setSafe(0, 2.5);
      root.getFieldVectors().forEach(v -> v.setNull(1));
      root.setRowCount(2);

      assertThat(io.logpro.api.ValueText.of(root.getVector("ts"), 0)).isEqualTo("2024-01-01T00:00:00.123456");
      assertThat(io.logpro.api.ValueText.of(root.getVector("tstz"), 0)).isEqualTo("2024-01-01T00:00:00Z");
      assertThat(io.logpro.api.ValueText.of(root.getVector("d"), 0)).isEqualTo("2024-01-01");
      assertThat(io.logpro.api.ValueText.of(root.getVector("dec"), 0)).isEqualTo("12.50");
      assertThat(io.logpro.api.ValueText.of(root.getVector("f"), 0)).isEqualTo("2.5");
      assertThat(root.getFieldVectors()).allSatisfy(v -> assertThat(io.logpro.api.ValueText.of(v, 1)).isNull());
    }
  }
}
