package io.logpro.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonOutputTest {
  private static final int N = 50_000;
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static List<String> lines() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TaxiGenerator(42).writeNdjson(out, 0, N);
    return new String(out.toByteArray(), StandardCharsets.US_ASCII).lines().toList();
  }

  @Test
  void wellFormedLinesParseToTheirTruth() throws IOException {
    TaxiGenerator generator = new TaxiGenerator(42);
    List<String> lines = lines();
    assertThat(lines).hasSize(N);
    for (int row = 0; row < N; row++) {
      TaxiTrip t = generator.trip(row);
      if (t.kind() == TripKind.MALFORMED) continue;
      JsonNode node = JSON.readTree(lines.get(row));
      assertThat(node.size()).isEqualTo(TaxiColumns.COUNT);
      for (int col = 0; col < TaxiColumns.COUNT; col++) {
        String name = TaxiColumns.NAMES.get(col);
        JsonNode field = node.get(name);
        assertThat(field).as("row %d has %s", row, name).isNotNull();
        Object expected = TripText.value(t, col);
        if (expected == null) {
          assertThat(field.isNull()).as("row %d %s is null", row, name).isTrue();
          continue;
        }
        Object actual = switch (TaxiColumns.kind(col)) {
          case INT -> field.isInt() ? field.intValue() : field;
          case HUNDREDTHS -> field.isDouble() ? field.doubleValue() : field;
          case TIMESTAMP, FLAG -> field.isTextual() ? field.textValue() : field;
        };
        assertThat(actual).as("row %d %s", row, name).isEqualTo(expected);
      }
    }
  }

  @Test
  void fieldsComeInSchemaOrder() throws IOException {
    JsonNode node = JSON.readTree(lines().get(0));
    assertThat(node.fieldNames()).toIterable().containsExactlyElementsOf(TaxiColumns.NAMES);
  }

  @Test
  void malformedLinesAreBrokenAsTheirDefectSays() throws IOException {
    TaxiGenerator generator = new TaxiGenerator(42);
    List<String> lines = lines();
    int truncated = 0;
    int notJson = 0;
    int textInNumber = 0;
    for (int row = 0; row < N; row++) {
      Defect defect = generator.trip(row).ndjsonDefect();
      if (defect == null) continue;
      String line = lines.get(row);
      switch (defect) {
        case NDJSON_TRUNCATED -> {
          truncated++;
          assertThatThrownBy(() -> JSON.readTree(line)).isInstanceOf(JsonProcessingException.class);
        }
        case NDJSON_NOT_JSON -> {
          notJson++;
          assertThatThrownBy(() -> JSON.readTree(line)).isInstanceOf(JsonProcessingException.class);
        }
        case NDJSON_TEXT_IN_NUMBER -> {
          textInNumber++;
          JsonNode fare = JSON.readTree(line).get("fare_amount");
          assertThat(fare.isTextual()).isTrue();
          assertThat(fare.textValue()).endsWith(" USD");
        }
        default -> throw new AssertionError(defect);
      }
    }
    assertThat(truncated).isPositive();
    assertThat(notJson).isPositive();
    assertThat(textInNumber).isPositive();
  }
}
