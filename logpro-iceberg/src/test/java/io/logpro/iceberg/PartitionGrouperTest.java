package io.logpro.iceberg;

import static io.logpro.iceberg.TestBatches.nullable;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.iceberg.schema.ArrowSchemas;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PartitionGrouperTest {
  private final RootAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  static final Schema ARROW = new Schema(List.of(
      nullable("ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
      nullable("ms", new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")),
      nullable("day", new ArrowType.Date(DateUnit.DAY)),
      nullable("n", TestBatches.INT)));

  /** Random values from 1800 to 2200 (both sides of the epoch), about one in twenty null. */
  private VectorSchemaRoot randomBatch(Random rnd, int rows) {
    VectorSchemaRoot root = VectorSchemaRoot.create(ARROW, allocator);
    root.allocateNew();
    var ts = (TimeStampMicroVector) root.getVector("ts");
    var ms = (TimeStampMilliTZVector) root.getVector("ms");
    var day = (DateDayVector) root.getVector("day");
    var n = (IntVector) root.getVector("n");
    long span = 400L * 365 * 86_400_000_000L;
    long from = -170L * 365 * 86_400_000_000L;
    for (int i = 0; i < rows; i++) {
      // runs of close timestamps, as real data has, plus jumps anywhere
      long micros = rnd.nextInt(4) == 0 ? from + (long) (rnd.nextDouble() * span) : (i == 0 ? 0 : ts.isNull(i - 1) ? 0 : ts.get(i - 1)) + rnd.nextInt(1_000_000_000);
      if (rnd.nextInt(20) == 0) ts.setNull(i); else ts.set(i, micros);
      if (rnd.nextInt(20) == 0) ms.setNull(i); else ms.set(i, Math.floorDiv(micros, 1000L) - rnd.nextInt(3_600_000));
      if (rnd.nextInt(20) == 0) day.setNull(i); else day.set(i, (int) Math.floorDiv(micros, 86_400_000_000L));
      if (rnd.nextInt(20) == 0) n.setNull(i); else n.set(i, rnd.nextInt(5) - 2);
    }
    root.setRowCount(rows);
    return root;
  }

  private void checkGrouping(PartitionSpec spec, org.apache.iceberg.Schema schema, VectorSchemaRoot root) {
    PartitionGrouper grouper = PartitionGrouper.of(spec, schema);
    assertThat(grouper).as(spec.toString()).isNotNull();
    PartitionGrouper.Groups groups = grouper.group(root);
    int n = root.getRowCount();
    boolean[] seen = new boolean[n];
    assertThat(groups.starts()[0]).isZero();
    assertThat(groups.starts()[groups.count()]).isEqualTo(n);
    PartitionKey expected = new PartitionKey(spec, schema);
    ArrowRow row = new ArrowRow(schema, root);
    Set<PartitionKey> distinct = new HashSet<>();
    for (int g = 0; g < groups.count(); g++) {
      assertThat(distinct.add(groups.keys()[g])).as("group keys are distinct").isTrue();
      int previous = -1;
      for (int k = groups.starts()[g]; k < groups.starts()[g + 1]; k++) {
        int r = groups.order()[k];
        assertThat(seen[r]).as("row %d seen once", r).isFalse();
        seen[r] = true;
        assertThat(r).as("rows keep their order in a group").isGreaterThan(previous);
        previous = r;
        expected.partition(row.at(r));
        assertThat(groups.keys()[g]).as("%s of row %d", spec, r).isEqualTo(expected);
      }
    }
    for (int r = 0; r < n; r++) assertThat(seen[r]).as("row %d grouped", r).isTrue();
  }

  @Test
  void groupingKeepsEveryRowOnceUnderIcebergsPartitionKey() {
    org.apache.iceberg.Schema schema = ArrowSchemas.toIceberg(ARROW);
    List<PartitionSpec> specs = List.of(
        PartitionSpec.builderFor(schema).year("ts").build(),
        PartitionSpec.builderFor(schema).month("ts").build(),
        PartitionSpec.builderFor(schema).day("ts").build(),
        PartitionSpec.builderFor(schema).hour("ts").build(),
        PartitionSpec.builderFor(schema).month("ms").build(),
        PartitionSpec.builderFor(schema).hour("ms").build(),
        PartitionSpec.builderFor(schema).year("day").build(),
        PartitionSpec.builderFor(schema).month("day").build(),
        PartitionSpec.builderFor(schema).day("day").build(),
        PartitionSpec.builderFor(schema).identity("day").build(),
        PartitionSpec.builderFor(schema).identity("n").build(),
        PartitionSpec.builderFor(schema).month("ts").identity("n").day("day").build());
    Random rnd = new Random(20240101);
    for (int round = 0; round < 5; round++) {
      try (VectorSchemaRoot root = randomBatch(rnd, 3_000)) {
        for (PartitionSpec spec : specs) checkGrouping(spec, schema, root);
      }
    }
  }

  @Test
  void monthArithmeticMatchesTheCalendar() {
    Random rnd = new Random(3);
    for (int i = 0; i < 100_000; i++) {
      long days = rnd.nextInt(400_000) - 200_000;
      var date = java.time.LocalDate.ofEpochDay(days);
      assertThat(PartitionGrouper.monthsSinceEpoch(days)).isEqualTo((date.getYear() - 1970) * 12 + date.getMonthValue() - 1);
    }
  }

  @Test
  void bucketAndTruncateUseThePerRowPath() {
    org.apache.iceberg.Schema schema = ArrowSchemas.toIceberg(ARROW);
    assertThat(PartitionGrouper.of(PartitionSpec.builderFor(schema).bucket("n", 4).build(), schema)).isNull();
    assertThat(PartitionGrouper.of(PartitionSpec.builderFor(schema).truncate("n", 10).build(), schema)).isNull();
  }
}
