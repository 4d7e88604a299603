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
    if (!file.getFileName().toString().endsWith(".ndjson") && !file.getFileName().toString().endsWith(".json")) {
      throw new IOException(file + ": expected NDJSON dead-letter files (the file sink's default format); other formats cannot be read back yet");
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
