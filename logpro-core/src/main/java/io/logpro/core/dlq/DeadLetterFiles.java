package io.logpro.core.dlq;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads the committed files of a file dead-letter output (NDJSON, the default). Only files in the
 * folder itself count: {@code _tmp/} holds uncommitted files and {@code _commits/} the commit records.
 */
public final class DeadLetterFiles {
  private static final JsonFactory JSON = new JsonFactory();

  private DeadLetterFiles() {}

  /** The committed dead-letter files of {@code dir}, in name order (the order they were written). */
  public static List<Path> committedFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) throw new IOException("no dead-letter folder at " + dir);
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("_") && !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    }
  }

  /** Every letter of {@code dir}'s committed files. */
  public static void forEach(Path dir, Consumer<StoredLetter> each) throws IOException {
    for (Path f : committedFiles(dir)) read(f, each);
  }

  public static List<StoredLetter> readAll(Path dir) throws IOException {
    List<StoredLetter> out = new ArrayList<>();
    forEach(dir, out::add);
    return out;
  }

  static void read(Path file, Consumer<StoredLetter> each) throws IOException {
    String name = file.getFileName().toString();
    if (name.endsWith(".parquet")) {
      readColumnar(file, "parquet", each);
      return;
    }
    if (!name.endsWith(".ndjson") && !name.endsWith(".json")) {
      throw new IOException(file + ": expected NDJSON (the file sink's default) or Parquet dead-letter files");
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) continue;
        try {
          each.accept(parse(line, file, n));
        } catch (IOException | RuntimeException e) {
          throw new IOException(file + ":" + n + ": not a dead-letter row: " + e.getMessage(), e);
        }
      }
    }
  }

  /**
   * Letters of a Parquet dead-letter output ({@code dlq: {type: parquet, ...}}), read through the
   * format on the class path (logpro-formats) into Arrow; one object per row is fine here, these
   * are tools, not the data path.
   */
  private static void readColumnar(Path file, String formatType, Consumer<StoredLetter> each) throws IOException {
    var registry = io.logpro.core.ComponentRegistry.load();
    var spec = registry.spec(io.logpro.core.ComponentRegistry.FORMAT, formatType)
        .orElseThrow(() -> new IOException(file + ": reading " + formatType + " dead letters needs logpro-formats on the class path"));
    var format = registry.createFormat(new io.logpro.api.config.MapConfig(formatType, "format", spec, java.util.Map.of()));
    if (!(format instanceof io.logpro.api.format.ColumnarFileFormat columnar)) throw new IOException(formatType + " files cannot be read back");
    long line = 0;
    try (var allocator = new org.apache.arrow.memory.RootAllocator();
         var reader = columnar.openColumnar(file, file.toString(), 0, allocator, 4096)) {
      io.logpro.api.source.SourceChunk.Columnar chunk;
      while ((chunk = reader.read()) != null) {
        try (var root = chunk.root()) {
          for (int r = 0; r < root.getRowCount(); r++) {
            line++;
            Object micros = value(root, "time", r);
            Object sequence = value(root, "sequence", r);
            Object raw = value(root, "raw", r);
            Object rawText = value(root, "raw_text", r);
            byte[] bytes = raw instanceof byte[] b ? b : rawText == null ? null : rawText.toString().getBytes(StandardCharsets.UTF_8);
            Instant time = micros instanceof Long us ? Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000)
                : micros instanceof java.time.LocalDateTime t ? t.toInstant(java.time.ZoneOffset.UTC) : null;
            each.accept(new StoredLetter(text(root, "pipeline", r), text(root, "error", r), text(root, "stage", r), time,
                text(root, "source", r), text(root, "partition", r), sequence instanceof Number n ? n.longValue() : null, bytes, file, line));
          }
        }
      }
    }
  }

  private static Object value(org.apache.arrow.vector.VectorSchemaRoot root, String column, int row) {
    var v = root.getVector(column);
    return v == null || v.isNull(row) ? null : v.getObject(row);
  }

  private static String text(org.apache.arrow.vector.VectorSchemaRoot root, String column, int row) {
    Object o = value(root, column, row);
    return o == null ? null : o.toString();
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (java.time.format.DateTimeParseException noZone) {
      return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
    }
  }

  static StoredLetter parse(String line, Path file, long lineNo) throws IOException {
    String pipeline = null, error = null, stage = null, source = null, partition = null, rawText = null;
    Instant time = null;
    Long sequence = null;
    byte[] raw = null;
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("expected a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) continue;
        switch (name) {
          case "pipeline" -> pipeline = p.getText();
          case "error" -> error = p.getText();
          case "stage" -> stage = p.getText();
          case "time" -> time = instant(p.getText());
          case "source" -> source = p.getText();
          case "partition" -> partition = p.getText();
          case "sequence" -> sequence = p.getLongValue();
          case "raw" -> raw = Base64.getDecoder().decode(p.getText());
          case "raw_text" -> rawText = p.getText();
          default -> p.skipChildren();
        }
      }
    }
    if (raw == null && rawText != null) raw = rawText.getBytes(StandardCharsets.UTF_8);
    return new StoredLetter(pipeline, error, stage, time, source, partition, sequence, raw, file, lineNo);
  }
}
