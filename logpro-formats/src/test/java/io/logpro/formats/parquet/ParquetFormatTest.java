package io.logpro.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.logpro.api.format.ColumnarFileReader;
import io.logpro.api.source.SourceChunk;
import io.logpro.formats.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ParquetFormatTest {
  static final ParquetFormat FORMAT = new ParquetFormat();

  /** All rows of a file, normalised, read in batches of {@code batchRows} from {@code startRow}. */
  static List<Map<String, Object>> readAll(Path file, long startRow, int batchRows, BufferAllocator alloc) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (ColumnarFileReader r = FORMAT.openColumnar(file, file.toString(), startRow, alloc, batchRows)) {
      SourceChunk.Columnar c;
      while ((c = r.read()) != null) {
        try (var root = c.root()) {
          assertThat(c.rowPositions()).hasSize(root.getRowCount());
          for (int i = 0; i < root.getRowCount(); i++) {
            assertThat(c.rowPositions()[i].sequence()).isEqualTo(startRow + rows.size() + 1);
            rows.add(ParquetReference.arrowRow(root.getFieldVectors(), i));
          }
        }
      }
    }
    return rows;
  }

  static Stream<Path> files(String dir) throws IOException {
    return Files.list(TestData.path("parquet-testing/" + dir)).filter(p -> p.toString().endsWith(".parquet")).sorted();
  }

  @TestFactory
  Stream<DynamicTest> everyFileTheReferenceReadsHasTheSameValues() throws IOException {
    return files("data").map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      ParquetReference.Table ref;
      try {
        ref = ParquetReference.read(p);
      } catch (Throwable t) {
        ref = null; // the reference cannot read it either: we must fail with a clear IOException
      }
      try (var alloc = new RootAllocator()) {
        if (ref == null) {
          assertThatThrownBy(() -> readAll(p, 0, 1000, alloc)).isInstanceOf(IOException.class).hasMessageContaining(p.getFileName().toString());
          return;
        }
        List<Map<String, Object>> rows;
        try {
          rows = readAll(p, 0, 1000, alloc);
        } catch (ParquetSchemas.UnsupportedTypeException e) {
          assertThat(e.getMessage()).startsWith("unsupported Parquet type");
          return;
        } catch (IOException e) {
          // The reference does not check page CRCs; we do, so only the corrupt-checksum files may fail here.
          assertThat(p.getFileName().toString()).contains("corrupt-checksum");
          assertThat(e.getMessage()).contains(p.getFileName().toString()).containsIgnoringCase("crc");
          return;
        }
        assertThat(rows).hasSize(ref.rows().size());
        for (int i = 0; i < rows.size(); i++) {
          assertThat(rows.get(i)).as("row " + i).isEqualTo(ParquetReference.row(ref.schema(), ref.rows().get(i)));
        }
      }
    })));
  }

  @TestFactory
  Stream<DynamicTest> badDataFailsWithAClearError() throws IOException {
    return files("bad_data").map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      try (var alloc = new RootAllocator()) {
        try {
          readAll(p, 0, 1000, alloc);
        } catch (IOException e) {
          assertThat(e.getMessage()).contains(p.getFileName().toString());
        }
      }
    })));
  }

  @Test
  void truncatedTaxiFileFailsFastNamingTheFile() {
    Path p = TestData.path("nyc-tlc-yellow-2024-01-truncated/yellow_tripdata_2024-01.truncated.parquet");
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      try (var alloc = new RootAllocator()) {
        assertThatThrownBy(() -> FORMAT.openColumnar(p, "p", 0, alloc, 1000))
            .isInstanceOf(IOException.class).hasMessageStartingWith("not a Parquet file or truncated: " + p);
      }
    });
  }

  @Test
  void startingAtARowSkipsExactlyThatMany() throws Exception {
    Path p = TestData.path("parquet-testing/data/alltypes_tiny_pages_plain.parquet");
    try (var alloc = new RootAllocator()) {
      List<Map<String, Object>> all = readAll(p, 0, 777, alloc);
      for (long start : new long[] {1, 500, all.size() - 1, all.size()}) {
        assertThat(readAll(p, start, 333, alloc)).isEqualTo(all.subList((int) start, all.size()));
      }
    }
  }
}
