package io.logpro.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SilverRulesTest {
  private static final TaxiGenerator GENERATOR = new TaxiGenerator(42);
  private static final int N = 200_000;

  private static final Set<SilverRule> NOT_NULL = Set.of(SilverRule.VENDOR_ID_NOT_NULL, SilverRule.PICKUP_NOT_NULL,
      SilverRule.DROPOFF_NOT_NULL, SilverRule.PU_LOCATION_NOT_NULL, SilverRule.DO_LOCATION_NOT_NULL,
      SilverRule.TRIP_DISTANCE_NOT_NULL, SilverRule.FARE_AMOUNT_NOT_NULL, SilverRule.TOTAL_AMOUNT_NOT_NULL);

  private static final Map<TripKind, SilverRule> RULE_OF = Map.of(
      TripKind.NEGATIVE_FARE, SilverRule.FARE_AMOUNT_NOT_NEGATIVE,
      TripKind.NEGATIVE_DISTANCE, SilverRule.TRIP_DISTANCE_NOT_NEGATIVE,
      TripKind.OUTSIDE_2024, SilverRule.PICKUP_IN_2024,
      TripKind.DROPOFF_BEFORE_PICKUP, SilverRule.DROPOFF_NOT_BEFORE_PICKUP);

  @Test
  void everyCleanRowPassesSilver() {
    for (long row = 0; row < N; row++) {
      TaxiTrip t = GENERATOR.trip(row);
      if (t.kind() == TripKind.CLEAN) assertThat(t.brokenRules()).as("row %d: %s", row, t).isEmpty();
    }
  }

  @Test
  void nullOptionalRowsPassSilverWithTheWholeGroupNull() {
    int seen = 0;
    for (long row = 0; row < N; row++) {
      TaxiTrip t = GENERATOR.trip(row);
      if (t.kind() != TripKind.NULL_OPTIONAL) continue;
      seen++;
      assertThat(t.passesSilver()).isTrue();
      assertThat(t.passengerCount()).isNull();
      assertThat(t.ratecodeId()).isNull();
      assertThat(t.storeAndFwdFlag()).isNull();
      assertThat(t.congestionSurcharge()).isNull();
      assertThat(t.airportFee()).isNull();
    }
    assertThat(seen).isPositive();
  }

  @Test
  void nullRequiredRowsBreakExactlyOneNotNullRule() {
    Set<SilverRule> seen = new java.util.HashSet<>();
    for (long row = 0; row < N; row++) {
      TaxiTrip t = GENERATOR.trip(row);
      if (t.kind() != TripKind.NULL_REQUIRED) continue;
      List<SilverRule> broken = t.brokenRules();
      assertThat(broken).as("row %d", row).hasSize(1);
      assertThat(NOT_NULL).contains(broken.get(0));
      seen.add(broken.get(0));
    }
    assertThat(seen).as("every required field gets nulled somewhere").isEqualTo(NOT_NULL);
  }

  @Test
  void eachValueDirtKindBreaksExactlyItsRule() {
    for (long row = 0; row < N; row++) {
      TaxiTrip t = GENERATOR.trip(row);
      SilverRule rule = RULE_OF.get(t.kind());
      if (rule != null) {
        assertThat(t.brokenRules()).as("row %d: %s", row, t).containsExactly(rule);
        assertThat(t.passesSilver()).isFalse();
      }
    }
  }

  @Test
  void negativeFareRowsHaveNegativeTotals() {
    for (long row = 0; row < N; row++) {
      TaxiTrip t = GENERATOR.trip(row);
      if (t.kind() == TripKind.NEGATIVE_FARE) assertThat(t.totalAmount()).isNegative();
    }
  }

  @Test
  void outsideRowsAreOnNewYearsEveOrIn2025() {
    for (long row = 0; row < N; row++) {
      TaxiTrip t = GENERATOR.trip(row);
      if (t.kind() != TripKind.OUTSIDE_2024) continue;
      LocalDateTime p = t.pickup();
      assertThat(p.toLocalDate().toString().equals("2023-12-31") || p.getYear() == 2025).as("%s", p).isTrue();
    }
  }

  @Test
  void malformedRowsNeverPassSilverThoughTheirValuesAreClean() {
    int seen = 0;
    for (long row = 0; row < N; row++) {
      TaxiTrip t = GENERATOR.trip(row);
      if (t.kind() != TripKind.MALFORMED) {
        assertThat(t.ndjsonDefect()).isNull();
        assertThat(t.csvDefect()).isNull();
        continue;
      }
      seen++;
      assertThat(t.passesSilver()).isFalse();
      assertThat(t.reachesBronze()).isFalse();
      assertThat(t.brokenRules()).isEmpty();
      assertThat(t.ndjsonDefect()).isNotNull();
      assertThat(t.csvDefect()).isNotNull();
    }
    assertThat(seen).isPositive();
  }

  @Test
  void zeroLengthTripPassesSilver() {
    LocalDateTime at = LocalDateTime.of(2024, 6, 1, 12, 0);
    TaxiTrip t = trip(at, at, 0.0, 0.0);
    assertThat(t.passesSilver()).isTrue();
  }

  @Test
  void pickupBoundariesAreHalfOpen() {
    assertThat(trip(TaxiTrip.SILVER_FROM, TaxiTrip.SILVER_FROM, 1.0, 5.0).passesSilver()).isTrue();
    LocalDateTime lastSecond = TaxiTrip.SILVER_UNTIL.minusSeconds(1);
    assertThat(trip(lastSecond, lastSecond.plusMinutes(5), 1.0, 5.0).passesSilver()).isTrue();
    assertThat(trip(TaxiTrip.SILVER_UNTIL, TaxiTrip.SILVER_UNTIL, 1.0, 5.0).brokenRules())
        .containsExactly(SilverRule.PICKUP_IN_2024);
    LocalDateTime before = TaxiTrip.SILVER_FROM.minusSeconds(1);
    assertThat(trip(before, before, 1.0, 5.0).brokenRules()).containsExactly(SilverRule.PICKUP_IN_2024);
  }

  @Test
  void zeroFareIsNotNegative() {
    LocalDateTime at = LocalDateTime.of(2024, 6, 1, 12, 0);
    assertThat(trip(at, at.plusMinutes(1), 1.0, 0.0).passesSilver()).isTrue();
    assertThat(trip(at, at.plusMinutes(1), 1.0, -0.01).brokenRules()).containsExactly(SilverRule.FARE_AMOUNT_NOT_NEGATIVE);
  }

  private static TaxiTrip trip(LocalDateTime pickup, LocalDateTime dropoff, double distance, double fare) {
    return new TaxiTrip(0, TripKind.CLEAN, 2, pickup, dropoff, 1, distance, 1, "N", 237, 236, 1, fare, 0.0, 0.5, 0.0,
        0.0, 1.0, fare + 1.5, 2.5, 0.0, null, null);
  }
}
