package io.logpro.iceberg;

import static io.logpro.iceberg.TestBatches.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.api.config.MapConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.parquet.ParquetSchemaUtil;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetSinkTest {
  @TempDir Path dir;
  private final RootAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private ParquetSink open(Map<String, Object> extra) throws Exception {
    var values = new java.util.HashMap<String, Object>(extra);
    values.put("path", dir.resolve("out").toString());
    ParquetSink sink = (ParquetSink) new ParquetSinkFactory().create(MapConfig.of(ParquetSinkFactory.SPEC, values));
    sink.open(new TestBatches.Context("p", "files", allocator));
    return sink;
  }

  private void write(ParquetSink sink, long first, int count) {
    try (Batch b = TestBatches.batch(events(allocator, first, count), "f", first + count)) {
      sink.write(b);
    }
  }

  private List<Path> dataFiles() throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve("out"))) {
      return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
  }

  private List<Long> ids() throws Exception {
    List<Long> out = new ArrayList<>();
    for (Path p : dataFiles()) {
      Schema schema;
      try (var r = ParquetFileReader.open(new LocalInputFile(p), ParquetReadOptions.builder().build())) {
        schema = ParquetSchemaUtil.convert(r.getFooter().getFileMetaData().getSchema());
      }
      try (CloseableIterable<Record> rows = Parquet.read(org.apache.iceberg.Files.localInput(p.toFile())).project(schema)
          .createReaderFunc(fs -> GenericParquetReaders.buildReader(schema, fs)).build()) {
        for (Record r : rows) out.add((Long) r.getField("id"));
      }
    }
    return out;
  }

  @Test
  void committedFilesAppearUnderTheirFinalNames() throws Exception {
    try (ParquetSink sink = open(Map.of())) {
      write(sink, 0, 100);
      sink.commit(Checkpoint.of(Position.of("f", 100)));
      write(sink, 100, 50);
      sink.commit(Checkpoint.of(Position.of("f", 150)));
    }
    assertThat(dataFiles()).extracting(p -> p.getFileName().toString())
        .containsExactly("part-00000001-0000.parquet", "part-00000002-0000.parquet");
    assertThat(ids()).hasSize(150).doesNotHaveDuplicates();
    try (var files = Files.list(dir.resolve("out/_tmp"))) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void committedReturnsTheLatestRecordsCheckpointAfterReopen() throws Exception {
    try (ParquetSink sink = open(Map.of())) {
      assertThat(sink.committed().isEmpty()).isTrue();
      write(sink, 0, 10);
      sink.commit(Checkpoint.of(Position.of("f", 10)));
    }
    try (ParquetSink sink = open(Map.of())) {
      assertThat(sink.committed()).isEqualTo(Checkpoint.of(Position.of("f", 10)));
    }
  }

  @Test
  void crashBetweenCommitRecordAndRenameIsRolledForwardOnOpen() throws Exception {
    ParquetSink crashed = open(Map.of());
    write(crashed, 0, 40);
    crashed.commit(Checkpoint.of(Position.of("f", 40)), false);
    assertThat(dataFiles()).isEmpty();
    try (ParquetSink sink = open(Map.of())) {
      assertThat(sink.committed()).isEqualTo(Checkpoint.of(Position.of("f", 40)));
      assertThat(ids()).hasSize(40);
    }
    crashed.close();
  }

  @Test
  void uncommittedFilesAreDeletedOnOpenAndInvisible() throws Exception {
    ParquetSink crashed = open(Map.of());
    write(crashed, 0, 10);
    crashed.commit(Checkpoint.of(Position.of("f", 10)));
    write(crashed, 10, 10);
    crashed.wantsCommit();
    // no commit: the process dies here; its _tmp file stays behind
    try (ParquetSink sink = open(Map.of())) {
      assertThat(sink.committed()).isEqualTo(Checkpoint.of(Position.of("f", 10)));
      assertThat(ids()).hasSize(10);
    }
    crashed.close();
  }

  @Test
  void filesRollAtTargetSize() throws Exception {
    try (ParquetSink sink = open(Map.of("target_file_size", "64KB", "row_group_size", "16KB", "dictionary", false))) {
      for (int i = 0; i < 5; i++) write(sink, i * 10_000L, 10_000);
      sink.commit(Checkpoint.of(Position.of("f", 50_000)));
    }
    assertThat(dataFiles().size()).isGreaterThan(2);
    assertThat(ids()).hasSize(50_000).doesNotHaveDuplicates();
  }
}
