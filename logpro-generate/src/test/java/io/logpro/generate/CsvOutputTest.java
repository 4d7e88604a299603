package io.logpro.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvOutputTest {
  private static final int N = 50_000;

  private static List<String> lines(long seed, boolean header) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TaxiGenerator(seed).writeCsv(out, 0, N, header);
    String text = new String(out.toByteArray(), StandardCharsets.US_ASCII);
    assertThat(text).endsWith("\n").doesNotContain("\r");
    return text.lines().toList();
  }

  /** Parses one line on its own, as a reader that skips bad records would. */
  private static List<CSVRecord> parse(String line) throws IOException {
    try (CSVParser p = CSVParser.parse(new StringReader(line), CSVFormat.DEFAULT)) {
      return p.getRecords();
    }
  }

  @Test
  void headerNamesTheColumnsInOrder() throws IOException {
    List<String> lines = lines(42, true);
    assertThat(lines).hasSize(N + 1);
    assertThat(parse(lines.get(0)).get(0).toList()).isEqualTo(TaxiColumns.NAMES);
  }

  @Test
  void wellFormedRowsParseToTheirTruth() throws IOException {
    TaxiGenerator generator = new TaxiGenerator(42);
    List<String> lines = lines(42, false);
    assertThat(lines).hasSize(N);
    int checked = 0;
    for (int row = 0; row < N; row++) {
      TaxiTrip t = generator.trip(row);
      if (t.kind() == TripKind.MALFORMED) continue;
      List<CSVRecord> records = parse(lines.get(row));
      assertThat(records).hasSize(1);
      CSVRecord r = records.get(0);
      assertThat(r.size()).as("row %d", row).isEqualTo(TaxiColumns.COUNT);
      for (int col = 0; col < TaxiColumns.COUNT; col++) {
        assertThat(TripText.parse(r.get(col), col)).as("row %d column %s", row, TaxiColumns.NAMES.get(col))
            .isEqualTo(TripText.value(t, col));
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(N * 99 / 100);
  }

  @Test
  void missingFieldRowsHaveEighteenFields() throws IOException {
    TaxiGenerator generator = new TaxiGenerator(42);
    List<String> lines = lines(42, false);
    int seen = 0;
    for (int row = 0; row < N; row++) {
      if (generator.trip(row).csvDefect() != Defect.CSV_MISSING_FIELD) continue;
      seen++;
      assertThat(parse(lines.get(row)).get(0).size()).isEqualTo(TaxiColumns.COUNT - 1);
    }
    assertThat(seen).isPositive();
  }

  @Test
  void brokenQuoteRowsFailStrictParsing() throws IOException {
    TaxiGenerator generator = new TaxiGenerator(42);
    List<String> lines = lines(42, false);
    int seen = 0;
    for (int row = 0; row < N; row++) {
      if (generator.trip(row).csvDefect() != Defect.CSV_BROKEN_QUOTE) continue;
      seen++;
      String line = lines.get(row);
      assertThatThrownBy(() -> parse(line)).as("row %d: %s", row, line).isInstanceOfAny(IOException.class,
          java.io.UncheckedIOException.class, IllegalStateException.class);
      assertThat(line.chars().filter(c -> c == '"').count() % 2).as("quotes stay balanced").isZero();
    }
    assertThat(seen).isPositive();
  }
}
