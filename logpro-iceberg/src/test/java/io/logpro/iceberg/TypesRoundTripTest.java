package io.logpro.iceberg;

import static io.logpro.iceberg.TestBatches.nullable;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.api.config.MapConfig;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypesRoundTripTest {
  @TempDir Path dir;
  private final RootAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  static final Schema ALL = new Schema(List.of(
      nullable("i32", new ArrowType.Int(32, true)),
      nullable("i64", new ArrowType.Int(64, true)),
      nullable("f32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
      nullable("f64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
      nullable("flag", ArrowType.Bool.INSTANCE),
      nullable("text", ArrowType.Utf8.INSTANCE),
      nullable("bytes", ArrowType.Binary.INSTANCE),
      nullable("day", new ArrowType.Date(DateUnit.DAY)),
      nullable("clock", new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
      nullable("local_ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
      nullable("utc_ts", new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")),
      nullable("small_dec", new ArrowType.Decimal(9, 2, 128)),
      nullable("mid_dec", new ArrowType.Decimal(18, 3, 128)),
      nullable("big_dec", new ArrowType.Decimal(38, 4, 128)),
      nullable("point", ArrowType.Struct.INSTANCE, nullable("x", new ArrowType.Int(32, true)), nullable("label", ArrowType.Utf8.INSTANCE)),
      nullable("tags", ArrowType.List.INSTANCE, nullable("element", ArrowType.Utf8.INSTANCE)),
      nullable("pairs", ArrowType.List.INSTANCE,
          nullable("element", ArrowType.Struct.INSTANCE, nullable("k", new ArrowType.Int(64, true)), nullable("v", ArrowType.Utf8.INSTANCE)))));

  /** Row 0 full values, row 1 all nulls, row 2 negative/edge values with empty list and null elements. */
  private VectorSchemaRoot allTypes() {
    VectorSchemaRoot root = VectorSchemaRoot.create(ALL, allocator);
    root.allocateNew();
    ((IntVector) root.getVector("i32")).setSafe(0, 42);
    ((IntVector) root.getVector("i32")).setSafe(2, Integer.MIN_VALUE);
    ((BigIntVector) root.getVector("i64")).setSafe(0, 1L << 40);
    ((BigIntVector) root.getVector("i64")).setSafe(2, -7);
    ((Float4Vector) root.getVector("f32")).setSafe(0, 1.5f);
    ((Float4Vector) root.getVector("f32")).setSafe(2, -0.25f);
    ((Float8Vector) root.getVector("f64")).setSafe(0, 3.25);
    ((Float8Vector) root.getVector("f64")).setSafe(2, -1e300);
    ((BitVector) root.getVector("flag")).setSafe(0, 1);
    ((BitVector) root.getVector("flag")).setSafe(2, 0);
    ((VarCharVector) root.getVector("text")).setSafe(0, "héllo".getBytes(StandardCharsets.UTF_8));
    ((VarCharVector) root.getVector("text")).setSafe(2, new byte[0]);
    ((VarBinaryVector) root.getVector("bytes")).setSafe(0, new byte[] {1, 2, 3});
    ((VarBinaryVector) root.getVector("bytes")).setSafe(2, new byte[] {(byte) 0xff});
    ((DateDayVector) root.getVector("day")).setSafe(0, 19_723); // 2024-01-01
    ((DateDayVector) root.getVector("day")).setSafe(2, -1);
    ((TimeMicroVector) root.getVector("clock")).setSafe(0, 3_723_000_004L); // 01:02:03.000004
    ((TimeMicroVector) root.getVector("clock")).setSafe(2, 0);
    ((TimeStampMicroVector) root.getVector("local_ts")).setSafe(0, 1_704_067_200_000_001L);
    ((TimeStampMicroVector) root.getVector("local_ts")).setSafe(2, -1);
    ((TimeStampMilliTZVector) root.getVector("utc_ts")).setSafe(0, 1_704_067_200_123L);
    ((TimeStampMilliTZVector) root.getVector("utc_ts")).setSafe(2, -1000);
    ((DecimalVector) root.getVector("small_dec")).setSafe(0, new BigDecimal("1234567.89"));
    ((DecimalVector) root.getVector("small_dec")).setSafe(2, new BigDecimal("-0.01"));
    ((DecimalVector) root.getVector("mid_dec")).setSafe(0, new BigDecimal("123456789012345.678"));
    ((DecimalVector) root.getVector("mid_dec")).setSafe(2, new BigDecimal("-999999999999999.999"));
    ((DecimalVector) root.getVector("big_dec")).setSafe(0, new BigDecimal("1234567890123456789012345678901234.5678"));
    ((DecimalVector) root.getVector("big_dec")).setSafe(2, new BigDecimal("-0.0001"));
    StructVector point = (StructVector) root.getVector("point");
    point.setIndexDefined(0);
    ((IntVector) point.getChild("x")).setSafe(0, 7);
    ((VarCharVector) point.getChild("label")).setSafe(0, "p".getBytes(StandardCharsets.UTF_8));
    point.setNull(1);
    point.setIndexDefined(2); // defined struct, null fields
    ListVector tags = (ListVector) root.getVector("tags");
    VarCharVector tagValues = (VarCharVector) tags.getDataVector();
    int o = tags.startNewValue(0);
    tagValues.setSafe(o, "a".getBytes(StandardCharsets.UTF_8));
    tagValues.setNull(o + 1);
    tagValues.setSafe(o + 2, "c".getBytes(StandardCharsets.UTF_8));
    tags.endValue(0, 3);
    tags.setNull(1);
    tags.startNewValue(2);
    tags.endValue(2, 0);
    ListVector pairs = (ListVector) root.getVector("pairs");
    StructVector pair = (StructVector) pairs.getDataVector();
    o = pairs.startNewValue(0);
    for (int k = 0; k < 2; k++) {
      pair.setIndexDefined(o + k);
      ((BigIntVector) pair.getChild("k")).setSafe(o + k, 10 + k);
      ((VarCharVector) pair.getChild("v")).setSafe(o + k, ("v" + k).getBytes(StandardCharsets.UTF_8));
    }
    pairs.endValue(0, 2);
    pairs.setNull(1);
    o = pairs.startNewValue(2);
    pair.setNull(o);
    pairs.endValue(2, 1);
    for (var v : root.getFieldVectors()) v.setValueCount(3);
    tagValues.setValueCount(5);
    root.setRowCount(3);
    return root;
  }

  @Test
  void everySupportedTypeRoundTripsWithTheSameValues() throws Exception {
    var cfg = MapConfig.of(IcebergSinkFactory.SPEC, Map.of("catalog", Map.of("warehouse", dir.toString()), "table", "t.all"));
    try (IcebergSink sink = (IcebergSink) new IcebergSinkFactory().create(cfg)) {
      sink.open(new TestBatches.Context("p", "s", allocator));
      try (Batch b = new Batch(allTypes(), null, Checkpoint.of(Position.of("x", 3)))) {
        sink.write(b);
      }
      sink.commit(Checkpoint.of(Position.of("x", 3)));
    }
    TableReader reader = TableReader.of(IcebergCatalogs.open(dir.toString(), null), "t.all");
    var schema = reader.table().schema();
    assertThat(schema.findType("local_ts")).isEqualTo(Types.TimestampType.withoutZone());
    assertThat(schema.findType("utc_ts")).isEqualTo(Types.TimestampType.withZone());
    assertThat(schema.findType("big_dec")).isEqualTo(Types.DecimalType.of(38, 4));
    List<Record> rows = reader.records();
    assertThat(rows).hasSize(3);
    Record r0 = rows.get(0);
    assertThat(r0.getField("i32")).isEqualTo(42);
    assertThat(r0.getField("i64")).isEqualTo(1L << 40);
    assertThat(r0.getField("f32")).isEqualTo(1.5f);
    assertThat(r0.getField("f64")).isEqualTo(3.25);
    assertThat(r0.getField("flag")).isEqualTo(true);
    assertThat(r0.getField("text").toString()).isEqualTo("héllo");
    assertThat(bytes(r0.getField("bytes"))).containsExactly(1, 2, 3);
    assertThat(r0.getField("day")).isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(r0.getField("clock")).isEqualTo(LocalTime.of(1, 2, 3, 4000));
    assertThat(r0.getField("local_ts")).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1000));
    assertThat(r0.getField("utc_ts")).isEqualTo(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 123_000_000, ZoneOffset.UTC));
    assertThat(r0.getField("small_dec")).isEqualTo(new BigDecimal("1234567.89"));
    assertThat(r0.getField("mid_dec")).isEqualTo(new BigDecimal("123456789012345.678"));
    assertThat(r0.getField("big_dec")).isEqualTo(new BigDecimal("1234567890123456789012345678901234.5678"));
    Record p = (Record) r0.getField("point");
    assertThat(p.getField("x")).isEqualTo(7);
    assertThat(p.getField("label").toString()).isEqualTo("p");
    assertThat(((List<?>) r0.getField("tags")).stream().map(String::valueOf).toList()).containsExactly("a", "null", "c");
    List<?> pairs0 = (List<?>) r0.getField("pairs");
    assertThat(pairs0).hasSize(2);
    assertThat(((Record) pairs0.get(1)).getField("k")).isEqualTo(11L);
    assertThat(((Record) pairs0.get(1)).getField("v").toString()).isEqualTo("v1");

    Record r1 = rows.get(1);
    for (var f : schema.columns()) assertThat(r1.getField(f.name())).as(f.name()).isNull();

    Record r2 = rows.get(2);
    assertThat(r2.getField("i32")).isEqualTo(Integer.MIN_VALUE);
    assertThat(r2.getField("f64")).isEqualTo(-1e300);
    assertThat(r2.getField("flag")).isEqualTo(false);
    assertThat(r2.getField("text").toString()).isEmpty();
    assertThat(r2.getField("day")).isEqualTo(LocalDate.of(1969, 12, 31));
    assertThat(r2.getField("local_ts")).isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000));
    assertThat(r2.getField("utc_ts")).isEqualTo(OffsetDateTime.of(1969, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC));
    assertThat(r2.getField("small_dec")).isEqualTo(new BigDecimal("-0.01"));
    assertThat(r2.getField("mid_dec")).isEqualTo(new BigDecimal("-999999999999999.999"));
    assertThat(r2.getField("big_dec")).isEqualTo(new BigDecimal("-0.0001"));
    Record p2 = (Record) r2.getField("point");
    assertThat(p2).isNotNull();
    assertThat(p2.getField("x")).isNull();
    assertThat((List<?>) r2.getField("tags")).isEmpty();
    assertThat(Arrays.asList(((List<?>) r2.getField("pairs")).toArray())).containsExactly((Object) null);
  }

  private static byte[] bytes(Object o) {
    ByteBuffer b = ((ByteBuffer) o).duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
