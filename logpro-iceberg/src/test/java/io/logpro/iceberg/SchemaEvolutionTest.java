package io.logpro.iceberg;

import static io.logpro.iceberg.TestBatches.DOUBLE;
import static io.logpro.iceberg.TestBatches.INT;
import static io.logpro.iceberg.TestBatches.LONG;
import static io.logpro.iceberg.TestBatches.UTF8;
import static io.logpro.iceberg.TestBatches.nullable;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.api.config.MapConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three schema_evolution policies on one stream whose schema changes mid-run: batch 1 has
 * schema A, batch 2 adds tip_code and widens passengers from int32 to int64, batch 3 has a
 * string where the table has int64 (passengers) and lacks the optional column name.
 */
class SchemaEvolutionTest {
  @TempDir Path dir;
  private final RootAllocator allocator = new RootAllocator();
  private static final ObjectMapper JSON = new ObjectMapper();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  static final List<Field> A = List.of(nullable("id", LONG), nullable("passengers", INT), nullable("fare", DOUBLE), nullable("name", UTF8));
  static final List<Field> B = List.of(nullable("id", LONG), nullable("passengers", LONG), nullable("fare", DOUBLE), nullable("name", UTF8),
      nullable("tip_code", LONG));
  static final List<Field> C = List.of(nullable("id", LONG), nullable("passengers", UTF8), nullable("fare", DOUBLE), nullable("tip_code", LONG));

  /** Batch 1: ids 0..9; batch 2: ids 10..19 with passengers beyond int32; batch 3: ids 20..29, passengers "20" on even ids, null on odd. */
  private VectorSchemaRoot batch(int n) {
    return switch (n) {
      case 1 -> Rows.of(allocator, A, 10, (c, r) -> switch (c) {
        case "id" -> (long) r;
        case "passengers" -> r % 4 + 1;
        case "fare" -> r * 1.5;
        default -> "n" + r;
      });
      case 2 -> Rows.of(allocator, B, 10, (c, r) -> {
        long id = 10 + r;
        return switch (c) {
          case "id" -> id;
          case "passengers" -> 5_000_000_000L + id;
          case "fare" -> id * 1.5;
          case "name" -> "n" + id;
          default -> id * 10;
        };
      });
      default -> Rows.of(allocator, C, 10, (c, r) -> {
        long id = 20 + r;
        return switch (c) {
          case "id" -> id;
          case "passengers" -> id % 2 == 0 ? Long.toString(id) : null;
          case "fare" -> id * 1.5;
          default -> id * 10;
        };
      });
    };
  }

  private IcebergSink sink(String policy, RecordingContext ctx, Map<String, Object> extra) throws Exception {
    Map<String, Object> cfg = new HashMap<>();
    cfg.put("catalog", Map.of("warehouse", dir.toString()));
    cfg.put("table", "t.trips");
    cfg.put("schema_evolution", policy);
    cfg.putAll(extra);
    IcebergSink s = (IcebergSink) new IcebergSinkFactory().create(MapConfig.of(IcebergSinkFactory.SPEC, cfg));
    s.open(ctx);
    return s;
  }

  /** Writes batches 1..3, committing after each, and returns the sink's schema change count. */
  private long runStream(String policy, RecordingContext ctx) throws Exception {
    try (IcebergSink sink = sink(policy, ctx, Map.of())) {
      for (int n = 1; n <= 3; n++) {
        try (Batch b = TestBatches.batch(batch(n), "f", n * 10L)) {
          sink.write(b);
        }
        sink.commit(Checkpoint.of(Position.of("f", n * 10L)));
      }
      return sink.schemaChanges();
    }
  }

  private Table table() {
    return TableReader.of(IcebergCatalogs.open(dir.toString(), null), "t.trips").table();
  }

  private Map<Long, Record> rowsById() {
    return TableReader.of(IcebergCatalogs.open(dir.toString(), null), "t.trips").records().stream()
        .collect(Collectors.toMap(r -> (Long) r.getField("id"), r -> r, (a, b) -> { throw new AssertionError("duplicate id " + a); }, TreeMap::new));
  }

  private Checkpoint committedAfterReopen(String policy) throws Exception {
    try (IcebergSink sink = sink(policy, new RecordingContext("p", "s", allocator), Map.of())) {
      return sink.committed();
    }
  }

  private static Type typeOf(Table t, String column) {
    Types.NestedField f = t.schema().findField(column);
    return f == null ? null : f.type();
  }

  @Test
  void permissiveAddsColumnsWidensAndDeadLettersUnsafeValues() throws Exception {
    RecordingContext ctx = new RecordingContext("p", "s", allocator);
    long changes = runStream("permissive", ctx);

    assertThat(changes).isEqualTo(2);
    Table t = table();
    assertThat(typeOf(t, "passengers")).isEqualTo(Types.LongType.get());
    assertThat(typeOf(t, "tip_code")).isEqualTo(Types.LongType.get());
    assertThat(t.schema().columns().stream().map(Types.NestedField::name)).containsExactly("id", "passengers", "fare", "name", "tip_code");

    Map<Long, Record> rows = rowsById();
    // even ids of batch 3 carry a string in passengers: dead-lettered; odd ones (null there) land
    assertThat(rows.keySet()).hasSize(25).contains(0L, 19L, 21L, 29L).doesNotContain(20L, 22L, 28L);
    assertThat(rows.get(5L).getField("passengers")).isEqualTo(2L);
    assertThat(rows.get(5L).getField("tip_code")).isNull();
    assertThat(rows.get(12L).getField("passengers")).isEqualTo(5_000_000_012L);
    assertThat(rows.get(12L).getField("tip_code")).isEqualTo(120L);
    assertThat(rows.get(21L).getField("passengers")).isNull();
    assertThat(rows.get(21L).getField("name")).isNull();
    assertThat(rows.get(21L).getField("fare")).isEqualTo(31.5);
    assertThat(rows.get(21L).getField("tip_code")).isEqualTo(210L);

    assertThat(ctx.rejected()).extracting(RecordingContext.Rejected::id).containsExactly(20L, 22L, 24L, 26L, 28L);
    assertThat(ctx.rejected().get(0).reason())
        .contains("t.trips").contains("passengers is int64 in the table, string in the batch");
    assertThat(committedAfterReopen("permissive")).isEqualTo(Checkpoint.of(Position.of("f", 30)));
  }

  @Test
  void strictDeadLettersEveryRowOfABatchThatDiffersAndNeverChangesTheTable() throws Exception {
    RecordingContext ctx = new RecordingContext("p", "s", allocator);
    long changes = runStream("strict", ctx);

    assertThat(changes).isZero();
    Table t = table();
    assertThat(typeOf(t, "passengers")).isEqualTo(Types.IntegerType.get());
    assertThat(t.schema().findField("tip_code")).isNull();
    assertThat(rowsById().keySet()).containsExactlyElementsOf(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L));

    assertThat(ctx.rejected()).hasSize(20);
    assertThat(ctx.rejected()).extracting(RecordingContext.Rejected::id).first().isEqualTo(10L);
    String second = ctx.rejected().get(0).reason();
    assertThat(second).startsWith("schema differs from table t.trips: ")
        .contains("new column tip_code (int64)").contains("passengers is int32 in the table, int64 in the batch");
    String third = ctx.rejected().get(10).reason();
    assertThat(third).contains("passengers is int32 in the table, string in the batch")
        .contains("column name (string) is missing from the batch");
    // nothing written, but the positions still advance: the rows are in the dead-letter output
    assertThat(committedAfterReopen("strict")).isEqualTo(Checkpoint.of(Position.of("f", 30)));
  }

  @Test
  void rescuePutsValuesThatDoNotFitIntoRescuedDataAndKeepsTheRestOfTheRow() throws Exception {
    RecordingContext ctx = new RecordingContext("p", "s", allocator);
    long changes = runStream("rescue", ctx);

    assertThat(changes).isEqualTo(2); // passengers widened, _rescued_data added
    Table t = table();
    assertThat(typeOf(t, "passengers")).isEqualTo(Types.LongType.get());
    assertThat(t.schema().findField("tip_code")).isNull();
    assertThat(typeOf(t, "_rescued_data")).isEqualTo(Types.StringType.get());
    assertThat(ctx.rejected()).isEmpty();

    Map<Long, Record> rows = rowsById();
    assertThat(rows).hasSize(30);
    assertThat(rows.get(5L).getField("_rescued_data")).isNull();
    assertThat(rows.get(12L).getField("passengers")).isEqualTo(5_000_000_012L);
    assertThat(json(rows.get(12L))).isEqualTo(JSON.readTree("{\"tip_code\":120}"));
    assertThat(rows.get(20L).getField("passengers")).isNull();
    assertThat(rows.get(20L).getField("fare")).isEqualTo(30.0);
    assertThat(json(rows.get(20L))).isEqualTo(JSON.readTree("{\"passengers\":\"20\",\"tip_code\":200}"));
    assertThat(json(rows.get(21L))).isEqualTo(JSON.readTree("{\"tip_code\":210}"));
    assertThat(committedAfterReopen("rescue")).isEqualTo(Checkpoint.of(Position.of("f", 30)));
  }

  private static JsonNode json(Record r) throws Exception {
    return JSON.readTree((String) r.getField("_rescued_data"));
  }

  @Test
  void filesOfBothSchemasInOneCommitOfAPartitionedTableReadWithTheNewSchema() throws Exception {
    RecordingContext ctx = new RecordingContext("p", "s", allocator);
    try (IcebergSink sink = sink("permissive", ctx, Map.of("partition_by", List.of("bucket(4, id)")))) {
      for (int n = 1; n <= 2; n++) {
        try (Batch b = TestBatches.batch(batch(n), "f", n * 10L)) {
          sink.write(b);
        }
      }
      sink.commit(Checkpoint.of(Position.of("f", 20)));
    }
    Map<Long, Record> rows = rowsById();
    assertThat(rows).hasSize(20);
    for (long id = 0; id < 20; id++) {
      Record r = rows.get(id);
      assertThat(r.getField("fare")).isEqualTo(id * 1.5);
      assertThat(r.getField("name")).isEqualTo("n" + id);
      assertThat(r.getField("passengers")).isEqualTo(id < 10 ? (long) (id % 4 + 1) : 5_000_000_000L + id);
      assertThat(r.getField("tip_code")).isEqualTo(id < 10 ? null : id * 10);
    }
    // the files of the old schema stay separate from those of the new one
    assertThat(IcebergSinkTest.dataFiles(table()).size()).isGreaterThan(4);
  }

  @Test
  void aColumnAnotherWriterAddedIsNotAddedTwice() throws Exception {
    RecordingContext ctxA = new RecordingContext("p", "a", allocator);
    RecordingContext ctxB = new RecordingContext("p", "b", allocator);
    try (IcebergSink a = sink("permissive", ctxA, Map.of())) {
      try (Batch b = TestBatches.batch(batch(1), "f", 10)) {
        a.write(b);
      }
      a.commit(Checkpoint.of(Position.of("f", 10)));
      try (IcebergSink b = sink("permissive", ctxB, Map.of())) { // its table object predates a's change
        try (Batch x = TestBatches.batch(batch(2), "f", 20)) {
          a.write(x);
        }
        a.commit(Checkpoint.of(Position.of("f", 20)));
        try (Batch x = TestBatches.batch(batch(2), "g", 20)) {
          b.write(x);
        }
        b.commit(Checkpoint.of(Position.of("g", 20)));
        assertThat(a.schemaChanges()).isEqualTo(2);
        assertThat(b.schemaChanges()).isZero();
      }
    }
    assertThat(table().schema().columns()).hasSize(5);
    assertThat(TableReader.of(IcebergCatalogs.open(dir.toString(), null), "t.trips").records()).hasSize(30);
  }

  @Test
  void permissiveAddsANewFieldInsideAStruct() throws Exception {
    RecordingContext ctx = new RecordingContext("p", "s", allocator);
    try (IcebergSink sink = sink("permissive", ctx, Map.of())) {
      try (Batch b = TestBatches.batch(points(0, false), "f", 3)) {
        sink.write(b);
      }
      sink.commit(Checkpoint.of(Position.of("f", 3)));
      try (Batch b = TestBatches.batch(points(3, true), "f", 6)) {
        sink.write(b);
      }
      sink.commit(Checkpoint.of(Position.of("f", 6)));
      assertThat(sink.schemaChanges()).isEqualTo(1);
    }
    assertThat(typeOf(table(), "point.label")).isEqualTo(Types.StringType.get());
    Map<Long, Record> rows = rowsById();
    assertThat(((Record) rows.get(1L).getField("point")).getField("x")).isEqualTo(1);
    assertThat(((Record) rows.get(1L).getField("point")).getField("label")).isNull();
    assertThat(((Record) rows.get(4L).getField("point")).getField("label")).isEqualTo("p4");
  }

  /** Three rows id, point{x[, label]}. */
  private VectorSchemaRoot points(int first, boolean withLabel) {
    Field x = nullable("x", INT);
    Field point = withLabel ? nullable("point", ArrowType.Struct.INSTANCE, x, nullable("label", UTF8)) : nullable("point", ArrowType.Struct.INSTANCE, x);
    VectorSchemaRoot root = VectorSchemaRoot.create(new org.apache.arrow.vector.types.pojo.Schema(List.of(nullable("id", LONG), point)), allocator);
    root.allocateNew();
    var ids = (BigIntVector) root.getVector("id");
    var sv = (StructVector) root.getVector("point");
    for (int r = 0; r < 3; r++) {
      ids.setSafe(r, first + r);
      sv.setIndexDefined(r);
      ((IntVector) sv.getChild("x")).setSafe(r, first + r);
      if (withLabel) ((VarCharVector) sv.getChild("label")).setSafe(r, ("p" + (first + r)).getBytes(StandardCharsets.UTF_8));
    }
    root.setRowCount(3);
    return root;
  }

  @Test
  void nullsInARequiredColumnAndAMissingRequiredColumnAreDeadLettered() throws Exception {
    RecordingContext ctx = new RecordingContext("p", "s", allocator);
    Field requiredId = new Field("id", FieldType.notNullable(LONG), null);
    try (IcebergSink sink = sink("permissive", ctx, Map.of())) {
      try (Batch b = TestBatches.batch(Rows.of(allocator, List.of(requiredId, nullable("name", UTF8)), 3, (c, r) -> c.equals("id") ? (Object) (long) r : "n"), "f", 3)) {
        sink.write(b);
      }
      assertThat(table().schema().findField("id").isRequired()).isTrue();
      // nullable id with a null in row 1: only that row is refused
      try (Batch b = TestBatches.batch(Rows.of(allocator, List.of(nullable("id", LONG), nullable("name", UTF8)), 3,
          (c, r) -> c.equals("id") ? (r == 1 ? null : (Object) (long) (10 + r)) : "m"), "f", 6)) {
        sink.write(b);
      }
      // no id at all: every row is refused
      try (Batch b = TestBatches.batch(Rows.of(allocator, List.of(nullable("name", UTF8)), 2, (c, r) -> "z"), "f", 8)) {
        sink.write(b);
      }
      sink.commit(Checkpoint.of(Position.of("f", 8)));
    }
    assertThat(rowsById().keySet()).containsExactly(0L, 1L, 2L, 10L, 12L);
    assertThat(ctx.rejected()).hasSize(3);
    assertThat(ctx.rejected().get(0).reason()).isEqualTo("null in required column id of table t.trips");
    assertThat(ctx.rejected().get(1).reason()).isEqualTo("required column id of table t.trips is missing from the batch");
  }
}
