package io.logpro.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class JsonRowsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema SCHEMA = new Schema(List.of(
      new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
      new Field("text", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
  /** Characters that stress the array framing: newlines, commas, brackets, quotes, escapes, non-ASCII. */
  private static final String ALPHABET = "ab,[]{}\"\\\n\r\t é✓😀\u0000\u2028";

  private static String randomText(Random random) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(20);
    for (int i = 0; i < n; i++) sb.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0,
        random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
    return sb.toString();
  }

  @Test
  void randomRowsSurviveBothBodyFormats() throws Exception {
    Random random = new Random(7);
    try (RootAllocator allocator = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator)) {
      JsonRows array = new JsonRows(JsonRows.jsonFormat(), BodyFormat.JSON_ARRAY);
      JsonRows ndjson = new JsonRows(JsonRows.jsonFormat(), BodyFormat.NDJSON);
      for (int round = 0; round < 200; round++) {
        int rows = random.nextInt(12);
        List<String> texts = new ArrayList<>();
        root.allocateNew();
        for (int i = 0; i < rows; i++) {
          ((BigIntVector) root.getVector("id")).setSafe(i, i);
          String t = random.nextInt(5) == 0 ? null : randomText(random);
          texts.add(t);
          if (t == null) ((VarCharVector) root.getVector("text")).setNull(i);
          else ((VarCharVector) root.getVector("text")).setSafe(i, t.getBytes(StandardCharsets.UTF_8));
        }
        root.setRowCount(rows);
        int from = rows == 0 ? 0 : random.nextInt(rows);
        int to = from + (rows == 0 ? 0 : random.nextInt(rows - from + 1));

        JsonNode parsed = JSON.readTree(array.body(root, from, to));
        assertThat(parsed.isArray()).isTrue();
        assertThat(parsed.size()).isEqualTo(to - from);
        String lines = new String(ndjson.body(root, from, to), StandardCharsets.UTF_8);
        List<JsonNode> fromLines = new ArrayList<>();
        for (String line : lines.split("\n")) if (!line.isEmpty()) fromLines.add(JSON.readTree(line));
        assertThat(fromLines).hasSize(to - from);
        for (int i = from; i < to; i++) {
          JsonNode row = parsed.get(i - from);
          assertThat(row).isEqualTo(fromLines.get(i - from));
          assertThat(row.get("id").longValue()).isEqualTo(i);
          if (texts.get(i) == null) assertThat(row.get("text").isNull()).isTrue();
          else assertThat(row.get("text").textValue()).isEqualTo(texts.get(i));
        }
      }
    }
  }
}
