package io.logpro.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaxiStatsTest {
  private static final TaxiGenerator GENERATOR = new TaxiGenerator(42);

  @Test
  void kindsAddUpToTheRowCount() {
    TaxiStats stats = TaxiStats.of(GENERATOR, 1000, 30_000);
    assertThat(stats.byKind().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(30_000);
    assertThat(stats.bronzeRows()).isEqualTo(30_000 - stats.count(TripKind.MALFORMED));
  }

  @Test
  void silverHoldsExactlyTheCleanAndNullOptionalRows() {
    TaxiStats stats = TaxiStats.of(GENERATOR, 0, 50_000);
    assertThat(stats.silverRows()).isEqualTo(stats.count(TripKind.CLEAN) + stats.count(TripKind.NULL_OPTIONAL));
  }

  @Test
  void sumsMatchWhatAParserReadsFromTheNdjson() throws IOException {
    long from = 777;
    int rows = 20_000;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GENERATOR.writeNdjson(out, from, rows);
    List<String> lines = new String(out.toByteArray(), StandardCharsets.US_ASCII).lines().toList();
    ObjectMapper json = new ObjectMapper();
    long bronze = 0;
    double bronzeFare = 0;
    double bronzeTotal = 0;
    double silverFare = 0;
    for (int i = 0; i < rows; i++) {
      JsonNode node;
      try {
        node = json.readTree(lines.get(i));
      } catch (IOException e) {
        continue; // malformed: never reaches Bronze
      }
      if (!node.get("fare_amount").isNull() && !node.get("fare_amount").isNumber()) continue;
      bronze++;
      if (node.get("fare_amount").isNumber()) bronzeFare += node.get("fare_amount").doubleValue();
      if (node.get("total_amount").isNumber()) bronzeTotal += node.get("total_amount").doubleValue();
      if (GENERATOR.trip(from + i).passesSilver()) silverFare += node.get("fare_amount").doubleValue();
    }
    TaxiStats stats = TaxiStats.of(GENERATOR, from, rows);
    assertThat(stats.bronzeRows()).isEqualTo(bronze);
    assertThat(stats.bronzeFareSum()).isCloseTo(bronzeFare, within(1e-6));
    assertThat(stats.bronzeTotalSum()).isCloseTo(bronzeTotal, within(1e-6));
    assertThat(stats.silverFareSum()).isCloseTo(silverFare, within(1e-6));
    assertThat(stats.silverTotalSum()).isLessThan(stats.bronzeTotalSum() + 1e-6 + sumOfNegativeTotals(from, rows));
  }

  private static double sumOfNegativeTotals(long from, int rows) {
    double sum = 0;
    for (long r = from; r < from + rows; r++) {
      TaxiTrip t = GENERATOR.trip(r);
      if (t.reachesBronze() && t.totalAmount() != null && t.totalAmount() < 0) sum -= t.totalAmount();
    }
    return sum;
  }

  @Test
  void emptyRangeIsAllZero() {
    TaxiStats stats = TaxiStats.of(GENERATOR, 5, 0);
    assertThat(stats.bronzeRows()).isZero();
    assertThat(stats.silverRows()).isZero();
    assertThat(stats.bronzeFareSum()).isZero();
  }
}
