package io.logpro.iceberg;

import static io.logpro.iceberg.TestBatches.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.api.config.MapConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcebergSinkTest {
  @TempDir Path dir;
  private final RootAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private IcebergSink sink(Map<String, Object> extra) {
    Map<String, Object> cfg = new HashMap<>();
    cfg.put("catalog", Map.of("warehouse", dir.resolve("wh").toString()));
    cfg.put("table", "bronze.events");
    cfg.putAll(extra);
    return (IcebergSink) new IcebergSinkFactory().create(MapConfig.of(IcebergSinkFactory.SPEC, cfg));
  }

  private IcebergSink openSink(Map<String, Object> extra) throws Exception {
    IcebergSink s = sink(extra);
    s.open(new TestBatches.Context("p1", "bronze", allocator));
    return s;
  }

  private void write(IcebergSink sink, long first, int count, long seq) {
    try (Batch b = TestBatches.batch(events(allocator, first, count), "file-a", seq)) {
      sink.write(b);
    }
  }

  private TableReader reader() {
    Catalog catalog = IcebergCatalogs.open(dir.resolve("wh").toString(), null);
    return TableReader.of(catalog, "bronze.events");
  }

  @Test
  void committedAlwaysReadsWhatOtherInstancesOfThePipelineCommitted() throws Exception {
    try (IcebergSink first = openSink(Map.of()); IcebergSink other = openSink(Map.of())) {
      write(first, 0, 10, 10);
      first.commit(Checkpoint.of(Position.of("file-a", 10)));
      assertThat(other.committed().get("file-a").sequence()).isEqualTo(10);
      // another instance of the same pipeline moves on (scale-out: the partition moved to it)
      write(first, 10, 10, 20);
      first.commit(Checkpoint.of(Position.of("file-a", 20)));
      assertThat(other.committed().get("file-a").sequence()).as("a partition assigned later resumes after 20, not 10").isEqualTo(20);
    }
  }

  @Test
  void committedRowsAreReadBackWithIcebergGenerics() throws Exception {
    try (IcebergSink sink = openSink(Map.of())) {
      write(sink, 0, 1000, 1000);
      sink.commit(Checkpoint.of(Position.of("file-a", 1000)));
    }
    TableReader r = reader();
    assertThat(r.rowCount()).isEqualTo(1000);
    assertThat(r.sum("amount")).isEqualTo(999 * 1000 / 2 * 0.5);
    assertThat(r.records()).hasSize(1000);
  }

  @Test
  void dataFilesAreZstdParquetWithColumnStats() throws Exception {
    try (IcebergSink sink = openSink(Map.of())) {
      write(sink, 0, 500, 500);
      sink.commit(Checkpoint.of(Position.of("file-a", 500)));
    }
    Table t = reader().table();
    List<DataFile> files = dataFiles(t);
    assertThat(files).hasSize(1);
    DataFile f = files.get(0);
    assertThat(f.recordCount()).isEqualTo(500);
    int idField = t.schema().findField("id").fieldId();
    assertThat(f.lowerBounds()).containsKey(idField);
    assertThat(f.nullValueCounts().get(idField)).isZero();
    assertThat(t.properties()).containsEntry("write.parquet.compression-codec", "zstd")
        .containsEntry("write.metadata.delete-after-commit.enabled", "true");
    try (var in = new org.apache.parquet.hadoop.ParquetFileReader(
        new org.apache.parquet.io.LocalInputFile(Path.of(f.location())), org.apache.parquet.ParquetReadOptions.builder().build())) {
      var column = in.getFooter().getBlocks().get(0).getColumns().get(1);
      assertThat(column.getCodec().name()).isEqualTo("ZSTD");
      assertThat(column.getEncodings().toString()).contains("DICTIONARY");
      assertThat(in.getFooter().getFileMetaData().getSchema().getFields().get(0).getId().intValue()).isEqualTo(idField);
    }
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".crc"))).isEmpty();
    }
  }

  static List<DataFile> dataFiles(Table t) throws Exception {
    t.refresh();
    try (CloseableIterable<org.apache.iceberg.FileScanTask> tasks = t.newScan().includeColumnStats().planFiles()) {
      return Stream.of(tasks).flatMap(x -> java.util.stream.StreamSupport.stream(x.spliterator(), false))
          .map(task -> (DataFile) task.file()).collect(Collectors.toList());
    }
  }

  @Test
  void snapshotSummaryHoldsTheCheckpointAndCommittedMergesAfterReopen() throws Exception {
    try (IcebergSink sink = openSink(Map.of())) {
      assertThat(sink.committed().isEmpty()).isTrue();
      write(sink, 0, 10, 10);
      sink.commit(Checkpoint.of(Position.of("file-a", 10)));
    }
    try (IcebergSink sink = openSink(Map.of())) {
      assertThat(sink.committed()).isEqualTo(Checkpoint.of(Position.of("file-a", 10)));
      try (Batch b = TestBatches.batch(events(allocator, 10, 5), "file-b", 77)) {
        sink.write(b);
      }
      // this run's checkpoint only knows file-b; the stored one keeps file-a too
      sink.commit(Checkpoint.of(Position.of("file-b", 77)));
    }
    Table t = reader().table();
    Map<String, String> summary = t.currentSnapshot().summary();
    assertThat(summary).containsEntry(IcebergSink.PIPELINE, "p1").containsEntry(IcebergSink.SINK, "bronze");
    assertThat(Checkpoint.fromJson(summary.get(IcebergSink.CHECKPOINT)))
        .isEqualTo(Checkpoint.of(Position.of("file-a", 10), Position.of("file-b", 77)));
    try (IcebergSink sink = openSink(Map.of())) {
      assertThat(sink.committed()).isEqualTo(Checkpoint.of(Position.of("file-a", 10), Position.of("file-b", 77)));
    }
    assertThat(reader().rowCount()).isEqualTo(15);
  }

  @Test
  void commitWithoutNewFilesStillAdvancesThePositions() throws Exception {
    try (IcebergSink sink = openSink(Map.of())) {
      write(sink, 0, 10, 10);
      sink.commit(Checkpoint.of(Position.of("file-a", 10)));
      sink.commit(Checkpoint.of(Position.of("file-a", 25)));
    }
    try (IcebergSink sink = openSink(Map.of())) {
      assertThat(sink.committed()).isEqualTo(Checkpoint.of(Position.of("file-a", 25)));
    }
    assertThat(reader().rowCount()).isEqualTo(10);
  }

  @Test
  void uncommittedWriteIsInvisibleAndLeavesNoFilesAfterClose() throws Exception {
    try (IcebergSink sink = openSink(Map.of())) {
      write(sink, 0, 10, 10);
      sink.commit(Checkpoint.of(Position.of("file-a", 10)));
      write(sink, 10, 10, 20);
    }
    assertThat(reader().rowCount()).isEqualTo(10);
    try (Stream<Path> all = Files.walk(dir.resolve("wh"))) {
      assertThat(all.filter(p -> p.toString().endsWith(".parquet")).count()).isEqualTo(1);
    }
    try (IcebergSink sink = openSink(Map.of())) {
      assertThat(sink.committed()).isEqualTo(Checkpoint.of(Position.of("file-a", 10)));
    }
  }

  @Test
  void aSinkAsksToCommitWhenThePipelinesArrowMemoryRunsLow() throws Exception {
    try (RootAllocator limited = new RootAllocator(32L << 20);
        var sinkMemory = limited.newChildAllocator("sink", 0, Long.MAX_VALUE);
        var others = limited.newChildAllocator("others", 0, Long.MAX_VALUE)) {
      IcebergSink sink = sink(Map.of());
      try {
        sink.open(new TestBatches.Context("p1", "bronze", sinkMemory));
        write(sink, 0, 1_000, 1_000);
        assertThat(sink.wantsCommit()).as("plenty of room").isFalse();
        try (var held = others.buffer(24L << 20)) { // batches waiting elsewhere in the pipeline
          assertThat(sink.wantsCommit()).as("less than a third left").isTrue();
          sink.commit(Checkpoint.of(Position.of("file-a", 1_000)));
          assertThat(sinkMemory.getAllocatedMemory()).as("the commit gave the pages back").isZero();
          assertThat(sink.wantsCommit()).as("nothing open to commit").isFalse();
        }
      } finally {
        sink.close();
      }
    }
    assertThat(reader().rowCount()).isEqualTo(1_000);
  }

  @Test
  void filesRollAtTargetSize() throws Exception {
    try (IcebergSink sink = openSink(Map.of("target_file_size", "64KB", "row_group_size", "16KB", "dictionary", false))) {
      for (int i = 0; i < 10; i++) write(sink, i * 10_000L, 10_000, (i + 1) * 10_000L);
      assertThat(sink.wantsCommit()).isTrue();
      sink.commit(Checkpoint.of(Position.of("file-a", 100_000)));
    }
    List<DataFile> files = dataFiles(reader().table());
    assertThat(files.size()).isGreaterThan(3);
    assertThat(files.stream().mapToLong(DataFile::recordCount).sum()).isEqualTo(100_000);
    for (DataFile f : files) assertThat(f.fileSizeInBytes()).isLessThan(2 * 64 * 1024);
    assertThat(reader().rowCount()).isEqualTo(100_000);
  }

  @Test
  void batchColumnMissingFromTableIsAddedByDefault() throws Exception {
    try (IcebergSink sink = openSink(Map.of())) {
      write(sink, 0, 3, 3);
      sink.commit(Checkpoint.of(Position.of("file-a", 3)));
      Schema other = new Schema(List.of(TestBatches.nullable("id", TestBatches.LONG), TestBatches.nullable("extra", TestBatches.INT)));
      try (Batch b = TestBatches.batch(filled(VectorSchemaRoot.create(other, allocator), 2), "file-a", 5)) {
        sink.write(b);
      }
      sink.commit(Checkpoint.of(Position.of("file-a", 5)));
      assertThat(sink.schemaChanges()).isEqualTo(1);
    }
    assertThat(reader().table().schema().findField("extra")).isNotNull();
    assertThat(reader().records()).hasSize(5);
  }

  @Test
  void aRejectedRowOutsideAPipelineFailsLoudly() throws Exception {
    try (IcebergSink sink = openSink(Map.of("schema_evolution", "strict"))) {
      write(sink, 0, 3, 3);
      Schema other = new Schema(List.of(TestBatches.nullable("id", TestBatches.LONG), TestBatches.nullable("extra", TestBatches.INT)));
      try (Batch b = TestBatches.batch(filled(VectorSchemaRoot.create(other, allocator), 2), "file-a", 5)) {
        assertThatThrownBy(() -> sink.write(b)).hasMessageContaining("new column extra (int32)");
      }
    }
  }

  private static VectorSchemaRoot filled(VectorSchemaRoot root, int rows) {
    root.allocateNew();
    for (var v : root.getFieldVectors()) {
      for (int i = 0; i < rows; i++) {
        if (v instanceof IntVector iv) iv.setSafe(i, i);
        else if (v instanceof org.apache.arrow.vector.BigIntVector bv) bv.setSafe(i, 100 + i);
      }
    }
    root.setRowCount(rows);
    return root;
  }

  @Test
  void tableColumnsMissingFromTheBatchAreNull() throws Exception {
    try (IcebergSink sink = openSink(Map.of())) {
      write(sink, 0, 3, 3);
      Schema fewer = new Schema(List.of(TestBatches.nullable("id", TestBatches.LONG)));
      try (Batch b = TestBatches.batch(filled(VectorSchemaRoot.create(fewer, allocator), 2), "file-a", 5)) {
        sink.write(b);
      }
      sink.commit(Checkpoint.of(Position.of("file-a", 5)));
    }
    List<Record> rows = reader().records();
    assertThat(rows).hasSize(5);
    Set<Object> names = rows.stream().filter(r -> ((Long) r.getField("id")) >= 100).map(r -> String.valueOf(r.getField("name"))).collect(Collectors.toSet());
    assertThat(names).containsExactly("null");
  }

  @Test
  void warmUpLeavesTheRealTableAndWarehouseUntouched() throws Exception {
    List<Path> before = scratchDirectories();
    try (IcebergSink s = openSink(Map.of("partition_by", List.of("bucket(4, id)")))) {
      try (Batch b = TestBatches.batch(events(allocator, 0, 100), "file-a", 100)) {
        s.warmUp(b);
      }
      Catalog catalog = IcebergCatalogs.open(dir.resolve("wh").toString(), null);
      try {
        assertThat(catalog.tableExists(IcebergCatalogs.tableId("bronze.events"))).isFalse();
      } finally {
        ((AutoCloseable) catalog).close();
      }
      assertThat(s.committed()).isEqualTo(Checkpoint.empty());
      write(s, 0, 10, 10);
      s.commit(Checkpoint.of(Position.of("file-a", 10)));
    }
    assertThat(reader().rowCount()).isEqualTo(10);
    assertThat(scratchDirectories()).containsExactlyInAnyOrderElementsOf(before);
  }

  private static List<Path> scratchDirectories() throws java.io.IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("logpro-warm-up-")).toList();
    }
  }
}
