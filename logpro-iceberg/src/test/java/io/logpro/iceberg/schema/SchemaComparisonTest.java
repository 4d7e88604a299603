package io.logpro.iceberg.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.iceberg.schema.SchemaComparison.Change;
import io.logpro.iceberg.schema.SchemaComparison.Plan;
import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class SchemaComparisonTest {
  private static Field f(String name, ArrowType type, Field... children) {
    return new Field(name, FieldType.nullable(type), List.of(children));
  }

  private static org.apache.arrow.vector.types.pojo.Schema arrow(Field... fields) {
    return new org.apache.arrow.vector.types.pojo.Schema(List.of(fields));
  }

  private static Plan permissive(Schema table, Field... batch) {
    return SchemaComparison.compare(arrow(batch), table, SchemaPolicy.PERMISSIVE, "ns.t");
  }

  private static final ArrowType INT32 = new ArrowType.Int(32, true);
  private static final ArrowType INT64 = new ArrowType.Int(64, true);

  @Test
  void aNarrowerBatchTypeIsWrittenWithoutChangingTheTable() {
    Schema table = new Schema(Types.NestedField.optional(1, "n", Types.LongType.get()),
        Types.NestedField.optional(2, "ts", Types.TimestampType.withZone()),
        Types.NestedField.optional(3, "amount", Types.DecimalType.of(12, 2)));
    Plan p = permissive(table, f("n", INT32), f("ts", new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)), f("amount", new ArrowType.Decimal(9, 2, 128)));
    assertThat(p.writesAsIs()).isTrue();
    // strict names each of them
    Plan strict = SchemaComparison.compare(arrow(f("n", INT32)), new Schema(table.findField("n")), SchemaPolicy.STRICT, "ns.t");
    assertThat(strict.rejectAll()).isEqualTo("schema differs from table ns.t: n is int64 in the table, int32 in the batch");
  }

  @Test
  void safeWideningsChangeTheTable() {
    Schema table = new Schema(Types.NestedField.optional(1, "x", Types.FloatType.get()),
        Types.NestedField.optional(2, "amount", Types.DecimalType.of(9, 2)));
    Plan p = permissive(table, f("x", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), f("amount", new ArrowType.Decimal(18, 2, 128)));
    assertThat(p.changes()).containsExactly(
        new Change.Widen("x", Types.FloatType.get(), Types.DoubleType.get()),
        new Change.Widen("amount", Types.DecimalType.of(9, 2), Types.DecimalType.of(18, 2)));
  }

  @Test
  void aScaleChangeOrANarrowingIsUnsafe() {
    Schema table = new Schema(Types.NestedField.optional(1, "amount", Types.DecimalType.of(9, 2)),
        Types.NestedField.optional(2, "n", Types.IntegerType.get()));
    Plan p = permissive(table, f("amount", new ArrowType.Decimal(9, 3, 128)), f("n", ArrowType.Utf8.INSTANCE));
    assertThat(p.changes()).isEmpty();
    assertThat(p.unsafe()).containsOnlyKeys("amount", "n");
    assertThat(p.unsafe().get("amount")).isEqualTo("does not fit table ns.t: amount is decimal(9,2) in the table, decimal(9,3) in the batch");
  }

  @Test
  void aNewFieldOfAStructInAListIsAddedUnderTheElement() {
    Schema table = new Schema(Types.NestedField.optional(1, "pairs", Types.ListType.ofOptional(2,
        Types.StructType.of(Types.NestedField.optional(3, "k", Types.LongType.get())))));
    Plan p = permissive(table, f("pairs", ArrowType.List.INSTANCE, f("element", ArrowType.Struct.INSTANCE, f("k", INT64), f("v", ArrowType.Utf8.INSTANCE))));
    assertThat(p.changes()).containsExactly(new Change.AddColumn("pairs.element", "v", Types.StringType.get()));
  }

  @Test
  void aMapKeyThatChangesIsUnsafe() {
    Schema table = new Schema(Types.NestedField.optional(1, "m", Types.MapType.ofOptional(2, 3, Types.IntegerType.get(), Types.StringType.get())));
    Field entries = new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE),
        List.of(new Field("key", FieldType.notNullable(INT64), null), f("value", ArrowType.Utf8.INSTANCE)));
    Plan p = permissive(table, new Field("m", FieldType.nullable(new ArrowType.Map(false)), List.of(entries)));
    assertThat(p.changes()).isEmpty();
    assertThat(p.unsafe()).containsKey("m");
  }

  @Test
  void rescueAddsTheRescueColumnOnceAndFoldsTheBatchsOwnRescuedValuesIn() {
    Schema table = new Schema(Types.NestedField.optional(1, "id", Types.LongType.get()));
    Plan first = SchemaComparison.compare(arrow(f("id", INT64), f("extra", INT32)), table, SchemaPolicy.RESCUE, "ns.t");
    assertThat(first.changes()).containsExactly(new Change.AddColumn(null, "_rescued_data", Types.StringType.get()));
    assertThat(first.rescued()).containsExactly("extra");
    Schema withRescue = new Schema(table.findField("id"), Types.NestedField.optional(2, "_rescued_data", Types.StringType.get()));
    Plan later = SchemaComparison.compare(arrow(f("id", INT64), f("extra", INT32), f("_rescued_data", ArrowType.Utf8.INSTANCE)), withRescue,
        SchemaPolicy.RESCUE, "ns.t");
    assertThat(later.changes()).isEmpty();
    assertThat(later.rescued()).containsExactly("extra", "_rescued_data");
  }

  @Test
  void rescueRefusesABatchWhoseValuesWouldLeaveARequiredColumnEmpty() {
    Schema table = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));
    Plan p = SchemaComparison.compare(arrow(f("id", ArrowType.Utf8.INSTANCE)), table, SchemaPolicy.RESCUE, "ns.t");
    assertThat(p.rejectAll()).isEqualTo("required column id of table ns.t cannot hold the batch's values: id is int64 in the table, string in the batch");
  }
}
