package io.logpro.formats;

import io.logpro.api.ValueText;

import io.logpro.api.RawMessage;
import io.logpro.api.format.RecordFileFormat;
import io.logpro.api.format.RecordFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Paths to the shared corpora and helpers to read files into rows of text. */
public final class TestData {
  public static final Path ROOT = locate();

  private TestData() {}

  private static Path locate() {
    for (Path p : List.of(Path.of("/work/shared/testdata"), Path.of("../../shared/testdata"), Path.of("../shared/testdata"))) {
      if (Files.isDirectory(p)) return p;
    }
    return Path.of("/work/shared/testdata");
  }

  public static Path path(String relative) {
    return ROOT.resolve(relative);
  }

  /** All records of a file. */
  public static List<RawMessage> records(RecordFileFormat format, Path file, long offset) throws IOException {
    List<RawMessage> all = new ArrayList<>();
    try (RecordFileReader r = format.openRecords(file, file.toString(), offset)) {
      while (true) {
        List<RawMessage> batch = r.read(1000);
        if (batch.isEmpty()) break;
        all.addAll(batch);
      }
    }
    return all;
  }

  /** Every row as text values (ValueText), nulls as null. */
  public static List<List<String>> rows(VectorSchemaRoot root) {
    List<List<String>> out = new ArrayList<>();
    for (int r = 0; r < root.getRowCount(); r++) {
      List<String> row = new ArrayList<>();
      for (FieldVector v : root.getFieldVectors()) row.add(ValueText.of(v, r));
      out.add(row);
    }
    return out;
  }
}
