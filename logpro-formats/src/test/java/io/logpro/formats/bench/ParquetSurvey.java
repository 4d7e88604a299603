package io.logpro.formats.bench;

import io.logpro.api.format.ColumnarFileReader;
import io.logpro.api.source.SourceChunk;
import io.logpro.formats.parquet.ParquetFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;

/** Prints, for each parquet-testing file, the rows read or the error (not a test; for reports). */
public final class ParquetSurvey {
  public static void main(String[] args) throws Exception {
    for (String d : List.of("data", "bad_data")) {
      List<Path> files;
      try (var s = Files.list(Path.of("/work/shared/testdata/parquet-testing", d))) {
        files = s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
      }
      for (Path p : files) {
        long rows = 0;
        String error = null;
        try (var alloc = new RootAllocator(); ColumnarFileReader r = new ParquetFormat().openColumnar(p, "p", 0, alloc, 4096)) {
          SourceChunk.Columnar c;
          while ((c = r.read()) != null) {
            rows += c.root().getRowCount();
            c.root().close();
          }
        } catch (Exception e) {
          error = e.getMessage();
        }
        System.out.println(d + "/" + p.getFileName() + ": " + (error == null ? rows + " rows" : "ERROR " + error.replace(p.toString(), "<file>")));
      }
    }
  }
}
