package io.logpro.iceberg.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.iceberg.LocalFileIO;
import io.logpro.iceberg.schema.ArrowSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrowParquetWriterTest {
  @TempDir Path dir;
  private final RootAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private static Field nullable(String name, ArrowType type, Field... children) {
    return new Field(name, FieldType.nullable(type), List.of(children));
  }

  /** id long, name utf8, amount double, point struct{x int, label utf8}, tags list<utf8>. */
  static final Schema MIXED = new Schema(List.of(
      nullable("id", new ArrowType.Int(64, true)),
      nullable("name", ArrowType.Utf8.INSTANCE),
      nullable("amount", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
      nullable("point", ArrowType.Struct.INSTANCE, nullable("x", new ArrowType.Int(32, true)), nullable("label", ArrowType.Utf8.INSTANCE)),
      nullable("tags", ArrowType.List.INSTANCE, nullable("element", ArrowType.Utf8.INSTANCE))));

  /** Row i: id=i, name="n"+i%5 (null every 7th), amount=i/4 (null every 11th), point null every 13th, tags i%3 strings (null every 17th). */
  private VectorSchemaRoot mixed(int rows) {
    VectorSchemaRoot root = VectorSchemaRoot.create(MIXED, allocator);
    root.allocateNew();
    var id = (BigIntVector) root.getVector("id");
    var name = (VarCharVector) root.getVector("name");
    var amount = (Float8Vector) root.getVector("amount");
    var point = (StructVector) root.getVector("point");
    var x = (IntVector) point.getChild("x");
    var label = (VarCharVector) point.getChild("label");
    var tags = (ListVector) root.getVector("tags");
    var tagValues = (VarCharVector) tags.getDataVector();
    int tagCount = 0;
    for (int i = 0; i < rows; i++) {
      id.setSafe(i, i);
      if (i % 7 == 0) name.setNull(i); else name.setSafe(i, ("n" + i % 5).getBytes(StandardCharsets.UTF_8));
      if (i % 11 == 0) amount.setNull(i); else amount.setSafe(i, i / 4.0);
      if (i % 13 == 0) {
        point.setNull(i);
      } else {
        point.setIndexDefined(i);
        x.setSafe(i, -i);
        label.setSafe(i, ("p" + i).getBytes(StandardCharsets.UTF_8));
      }
      if (i % 17 == 0) {
        tags.setNull(i);
      } else {
        tags.startNewValue(i);
        for (int k = 0; k < i % 3; k++) tagValues.setSafe(tagCount++, ("t" + k).getBytes(StandardCharsets.UTF_8));
        tags.endValue(i, i % 3);
      }
    }
    tagValues.setValueCount(tagCount);
    root.setRowCount(rows);
    return root;
  }

  private ArrowParquetWriter.Written write(Path file, VectorSchemaRoot root, ParquetSettings settings, int[] order) {
    var iceberg = ArrowSchemas.toIceberg(root.getSchema());
    ArrowParquetWriter w = ArrowParquetWriter.open(new LocalFileIO().newOutputFile(file.toString()), iceberg, settings, MetricsConfig.getDefault(), Map.of(), allocator);
    // half by index array, half by range: the two paths the sinks use
    int half = order.length / 2;
    w.write(root, order, 0, half);
    int[] rest = java.util.Arrays.copyOfRange(order, half, order.length);
    w.write(root, rest, 0, rest.length);
    return w.finish();
  }

  private List<Record> read(Path file, VectorSchemaRoot root) throws Exception {
    var iceberg = ArrowSchemas.toIceberg(root.getSchema());
    List<Record> out = new ArrayList<>();
    try (CloseableIterable<Record> it = org.apache.iceberg.parquet.Parquet.read(org.apache.iceberg.Files.localInput(file.toFile()))
        .project(iceberg).createReaderFunc(fs -> GenericParquetReaders.buildReader(iceberg, fs)).build()) {
      for (Record r : it) out.add(r.copy());
    }
    return out;
  }

  @Test
  void flatAndNestedColumnsRoundTripInTheGivenRowOrder() throws Exception {
    int rows = 20_000;
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) order[i] = i;
    Random rnd = new Random(7);
    for (int i = rows - 1; i > 0; i--) { // shuffled, as partition groups hand rows over
      int j = rnd.nextInt(i + 1);
      int t = order[i]; order[i] = order[j]; order[j] = t;
    }
    Path file = dir.resolve("mixed.parquet");
    try (VectorSchemaRoot root = mixed(rows)) {
      var written = write(file, root, ParquetSettings.defaults().withRowGroupSize(64 * 1024), order);
      assertThat(written.rowCount()).isEqualTo(rows);
      assertThat(written.splitOffsets()).hasSizeGreaterThan(1); // several row groups
      List<Record> back = read(file, root);
      assertThat(back).hasSize(rows);
      for (int k = 0; k < rows; k++) {
        int i = order[k];
        Record r = back.get(k);
        assertThat(r.getField("id")).isEqualTo((long) i);
        assertThat(r.getField("name")).isEqualTo(i % 7 == 0 ? null : "n" + i % 5);
        assertThat(r.getField("amount")).isEqualTo(i % 11 == 0 ? null : i / 4.0);
        Record p = (Record) r.getField("point");
        if (i % 13 == 0) {
          assertThat(p).isNull();
        } else {
          assertThat(p.getField("x")).isEqualTo(-i);
          assertThat(p.getField("label")).isEqualTo("p" + i);
        }
        List<?> tags = (List<?>) r.getField("tags");
        if (i % 17 == 0) assertThat(tags).isNull();
        else assertThat(tags).hasSize(i % 3);
      }
      assertThat(written.metrics().recordCount()).isEqualTo(rows);
      assertThat(written.metrics().nullValueCounts()).containsEntry(2, (long) ((rows + 6) / 7));
    }
  }

  private static Set<Encoding> dataEncodings(Path file) throws Exception {
    return dataEncodings(file, "name");
  }

  private static Set<Encoding> dataEncodings(Path file, String columnName) throws Exception {
    Set<Encoding> out = EnumSet.noneOf(Encoding.class);
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      for (BlockMetaData b : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData c : b.getColumns()) {
          if (c.getPath().toDotString().equals(columnName)) out.addAll(c.getEncodings());
        }
      }
    }
    return out;
  }

  @Test
  void dictionaryOffWritesPlainEncoding() throws Exception {
    try (VectorSchemaRoot root = mixed(5_000)) {
      int[] order = java.util.stream.IntStream.range(0, 5_000).toArray();
      Path on = dir.resolve("dict.parquet");
      Path off = dir.resolve("plain.parquet");
      write(on, root, ParquetSettings.defaults(), order);
      ParquetSettings d = ParquetSettings.defaults();
      write(off, root, new ParquetSettings(d.compression(), null, false, d.rowGroupSize(), d.pageSize(), d.pageRows(), d.targetFileSize()), order);
      assertThat(dataEncodings(on)).contains(Encoding.PLAIN_DICTIONARY);
      // floating-point columns are written plain even with dictionaries on: their values rarely repeat
      assertThat(dataEncodings(on, "amount")).contains(Encoding.PLAIN).doesNotContain(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
      assertThat(dataEncodings(off)).contains(Encoding.PLAIN).doesNotContain(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
      assertThat(read(off, root)).hasSize(5_000);
    }
  }

  @Test
  void anIntegerColumnOfMostlyDistinctValuesIsWrittenPlainAndARepeatingOneWithADictionary() throws Exception {
    Schema schema = new Schema(List.of(
        nullable("offset", new ArrowType.Int(64, true)), nullable("vendor", new ArrowType.Int(32, true))));
    int rows = 10_000;
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      root.allocateNew();
      for (int i = 0; i < rows; i++) {
        ((BigIntVector) root.getVector("offset")).setSafe(i, 1_000_000L + i);
        ((IntVector) root.getVector("vendor")).setSafe(i, i % 3);
      }
      root.setRowCount(rows);
      Path file = dir.resolve("ints.parquet");
      ArrowParquetWriter w = ArrowParquetWriter.open(new LocalFileIO().newOutputFile(file.toString()), ArrowSchemas.toIceberg(schema),
          ParquetSettings.defaults(), MetricsConfig.getDefault(), Map.of(), allocator);
      assertThat(w.dictionaryEncodes("offset")).as("before any rows").isTrue();
      w.write(root);
      assertThat(w.dictionaryEncodes("offset")).as("after the first rows").isFalse(); // no dictionary built to be thrown away
      assertThat(w.dictionaryEncodes("vendor")).isTrue();
      w.finish();
      assertThat(dataEncodings(file, "offset")).contains(Encoding.PLAIN).doesNotContain(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
      assertThat(dataEncodings(file, "vendor")).contains(Encoding.PLAIN_DICTIONARY);
      List<Record> back = read(file, root);
      assertThat(back).hasSize(rows);
      assertThat(back.get(rows - 1).getField("offset")).isEqualTo(1_000_000L + rows - 1);
    }
  }

  @Test
  void aPageHoldsAtMostPageRowsRows() throws Exception {
    try (VectorSchemaRoot root = mixed(20_000)) {
      ParquetSettings d = ParquetSettings.defaults();
      Path file = dir.resolve("pages.parquet");
      write(file, root, new ParquetSettings(d.compression(), null, true, d.rowGroupSize(), d.pageSize(), 4096, d.targetFileSize()),
          java.util.stream.IntStream.range(0, 20_000).toArray());
      try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
        BlockMetaData block = reader.getFooter().getBlocks().get(0);
        ColumnChunkMetaData id = block.getColumns().stream().filter(c -> c.getPath().toDotString().equals("id")).findFirst().orElseThrow();
        var pages = reader.readOffsetIndex(id).getPageCount();
        assertThat(pages).isGreaterThanOrEqualTo(5); // 20,000 rows in pages of at most 4,096
      }
      assertThat(read(file, root)).hasSize(20_000);
    }
  }

  @Test
  void pageBuffersLiveInTheGivenAllocatorUntilTheFileIsFinished() throws Exception {
    try (VectorSchemaRoot root = mixed(5_000); var pages = allocator.newChildAllocator("pages", 0, Long.MAX_VALUE)) {
      var iceberg = ArrowSchemas.toIceberg(root.getSchema());
      Path file = dir.resolve("pages.parquet");
      ArrowParquetWriter w = ArrowParquetWriter.open(new LocalFileIO().newOutputFile(file.toString()), iceberg,
          ParquetSettings.defaults(), MetricsConfig.getDefault(), Map.of(), pages);
      w.write(root);
      assertThat(pages.getAllocatedMemory()).as("an open file's pages").isPositive();
      w.finish();
      assertThat(pages.getAllocatedMemory()).as("after finish").isZero();
      assertThat(read(file, root)).hasSize(5_000);
    }
  }

  @Test
  void writersOpenAtTheSameTimeKeepToTheirOwnSettings() throws Exception {
    try (VectorSchemaRoot root = mixed(20_000)) {
      var iceberg = ArrowSchemas.toIceberg(root.getSchema());
      ParquetSettings d = ParquetSettings.defaults().withRowGroupSize(64 * 1024);
      ParquetSettings plain = new ParquetSettings(d.compression(), null, false, d.rowGroupSize(), d.pageSize(), d.pageRows(), d.targetFileSize());
      Path fileA = dir.resolve("a.parquet");
      ArrowParquetWriter a = ArrowParquetWriter.open(new LocalFileIO().newOutputFile(fileA.toString()), iceberg, d,
          MetricsConfig.getDefault(), Map.of(), allocator);
      ArrowParquetWriter b = ArrowParquetWriter.open(new LocalFileIO().newOutputFile(dir.resolve("b.parquet").toString()), iceberg, plain,
          MetricsConfig.getDefault(), Map.of(), allocator);
      a.write(root); // several row groups, each with column writers made after b was opened
      assertThat(a.finish().splitOffsets()).hasSizeGreaterThan(1);
      b.finish();
      try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(fileA))) {
        for (BlockMetaData block : reader.getFooter().getBlocks()) {
          ColumnChunkMetaData name = block.getColumns().stream().filter(c -> c.getPath().toDotString().equals("name")).findFirst().orElseThrow();
          assertThat(name.getEncodings()).as("row group at %d", block.getStartingPos()).contains(Encoding.PLAIN_DICTIONARY);
        }
      }
    }
  }

  @Test
  void pageBuffersAreGivenBackWhenTheFileCannotBeWritten() throws Exception {
    try (VectorSchemaRoot root = mixed(5_000); var pages = allocator.newChildAllocator("pages", 0, Long.MAX_VALUE)) {
      var iceberg = ArrowSchemas.toIceberg(root.getSchema());
      ArrowParquetWriter w = ArrowParquetWriter.open(new FailingAfterMagic(), iceberg, ParquetSettings.defaults(), MetricsConfig.getDefault(),
          Map.of(), pages);
      w.write(root);
      org.assertj.core.api.Assertions.assertThatThrownBy(w::finish).hasMessageContaining("cannot");
      assertThat(pages.getAllocatedMemory()).isZero();
    }
  }

  /** A file whose disk fills up right after Parquet's leading magic bytes. */
  private static final class FailingAfterMagic implements org.apache.iceberg.io.OutputFile {
    @Override
    public org.apache.iceberg.io.PositionOutputStream create() {
      return new org.apache.iceberg.io.PositionOutputStream() {
        long pos;

        @Override
        public long getPos() {
          return pos;
        }

        @Override
        public void write(int b) throws java.io.IOException {
          if (pos >= 4) throw new java.io.IOException("No space left on device");
          pos++;
        }
      };
    }

    @Override
    public org.apache.iceberg.io.PositionOutputStream createOrOverwrite() {
      return create();
    }

    @Override
    public String location() {
      return "memory:/full.parquet";
    }

    @Override
    public org.apache.iceberg.io.InputFile toInputFile() {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void aPageMemoryRefusesBuffersItDidNotHandOut() {
    try (var pages = allocator.newChildAllocator("pages", 0, Long.MAX_VALUE)) {
      PageMemory memory = new PageMemory(pages);
      var b = memory.allocate(100);
      var empty = memory.allocate(0);
      var alsoEmpty = memory.allocate(0);
      assertThat(empty).isNotSameAs(alsoEmpty);
      memory.release(empty);
      memory.release(alsoEmpty);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> memory.release(java.nio.ByteBuffer.allocateDirect(100)))
          .isInstanceOf(IllegalArgumentException.class);
      memory.release(b);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> memory.release(b)).isInstanceOf(IllegalArgumentException.class);
      assertThat(pages.getAllocatedMemory()).isZero();
    }
  }
}
