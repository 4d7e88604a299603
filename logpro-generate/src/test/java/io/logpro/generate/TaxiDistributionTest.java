package io.logpro.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated data looks like TLC data: shares, medians and relations checked over 100,000 rows. */
class TaxiDistributionTest {
  private static final int N = 100_000;
  private static final List<TaxiTrip> TRIPS = new ArrayList<>(N);

  @BeforeAll
  static void generate() {
    TaxiGenerator generator = new TaxiGenerator(42);
    for (long row = 0; row < N; row++) TRIPS.add(generator.trip(row));
  }

  private static List<TaxiTrip> clean() {
    return TRIPS.stream().filter(t -> t.kind() == TripKind.CLEAN).toList();
  }

  @Test
  void dirtySharesAreWithinTolerance() {
    for (TripKind kind : TripKind.values()) {
      double p = TaxiGenerator.share(kind);
      long observed = TRIPS.stream().filter(t -> t.kind() == kind).count();
      double expected = N * p;
      double sigma = Math.sqrt(N * p * (1 - p));
      assertThat(Math.abs(observed - expected)).as("%s: %d rows, expected %.0f", kind, observed, expected)
          .isLessThanOrEqualTo(5 * sigma + 1);
    }
  }

  @Test
  void everyDirtyKindOccurs() {
    for (TripKind kind : TripKind.values()) {
      assertThat(TRIPS.stream().filter(t -> t.kind() == kind).count()).as("%s", kind).isPositive();
    }
  }

  @Test
  void distanceMedianIsNearOnePointSevenMilesWithALongTail() {
    double[] d = clean().stream().mapToDouble(TaxiTrip::tripDistance).sorted().toArray();
    assertThat(d[d.length / 2]).isBetween(1.4, 2.1);
    assertThat(d[(int) (d.length * 0.99)]).isBetween(12.0, 30.0);
    assertThat(d[d.length - 1]).isGreaterThan(30.0);
  }

  @Test
  void vendorsAreMostlyTwoThenOneAndRarelySix() {
    List<TaxiTrip> c = clean();
    long two = c.stream().filter(t -> t.vendorId() == 2).count();
    long one = c.stream().filter(t -> t.vendorId() == 1).count();
    long six = c.stream().filter(t -> t.vendorId() == 6).count();
    assertThat(two + one + six).isEqualTo(c.size());
    assertThat(two).isGreaterThan(2 * one);
    assertThat(six).isPositive().isLessThan(c.size() / 100);
  }

  @Test
  void eveningsAreBusierThanEarlyMornings() {
    int[] byHour = new int[24];
    clean().forEach(t -> byHour[t.pickup().getHour()]++);
    assertThat(byHour[18]).isGreaterThan(5 * byHour[4]);
  }

  @Test
  void weekendNightsAreBusierThanWeekdayNights() {
    int weekendNight = 0;
    int weekdayNight = 0;
    for (TaxiTrip t : clean()) {
      if (t.pickup().getHour() > 3) continue;
      DayOfWeek d = t.pickup().getDayOfWeek();
      if (d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY) weekendNight++;
      else weekdayNight++;
    }
    // Two weekend days against five weekdays, yet more trips.
    assertThat(weekendNight).isGreaterThan(weekdayNight);
  }

  @Test
  void pickupsCoverEveryMonthOf2024() {
    long months = clean().stream().map(t -> t.pickup().getMonth()).distinct().count();
    assertThat(months).isEqualTo(12);
    assertThat(clean()).allMatch(t -> t.pickup().getYear() == 2024);
  }

  @Test
  void cardRidersTipAndCashRidersDoNot() {
    List<TaxiTrip> card = clean().stream().filter(t -> t.paymentType() == 1).toList();
    List<TaxiTrip> cash = clean().stream().filter(t -> t.paymentType() == 2).toList();
    assertThat(card.size()).isGreaterThan(3 * cash.size());
    assertThat(cash).allMatch(t -> t.tipAmount() == 0.0);
    double[] pct = card.stream().filter(t -> t.tipAmount() > 0)
        .mapToDouble(t -> t.tipAmount() / (t.totalAmount() - t.tipAmount())).sorted().toArray();
    assertThat((double) pct.length / card.size()).isBetween(0.8, 0.95);
    assertThat(pct[pct.length / 2]).isBetween(0.15, 0.25);
  }

  @Test
  void totalIsTheSumOfItsParts() {
    for (TaxiTrip t : TRIPS) {
      if (t.totalAmount() == null || t.fareAmount() == null) continue;
      double parts = t.fareAmount() + t.extra() + t.mtaTax() + t.tipAmount() + t.tollsAmount()
          + t.improvementSurcharge() + orZero(t.congestionSurcharge()) + orZero(t.airportFee());
      assertThat(t.totalAmount()).as("row %d", t.row()).isCloseTo(parts, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  private static double orZero(Double d) {
    return d == null ? 0.0 : d;
  }

  @Test
  void airportFeeOnlyForAirportPickups() {
    for (TaxiTrip t : clean()) {
      boolean airport = t.puLocationId() == 132 || t.puLocationId() == 138;
      assertThat(t.airportFee()).as("row %d", t.row()).isEqualTo(airport ? 1.75 : 0.0);
    }
    assertThat(clean().stream().filter(t -> t.airportFee() > 0).count()).isGreaterThan(N / 100);
  }

  @Test
  void mostTripsPayTheCongestionSurcharge() {
    long paying = clean().stream().filter(t -> t.congestionSurcharge() == 2.5).count();
    assertThat((double) paying / clean().size()).isBetween(0.8, 0.98);
  }

  @Test
  void someTripsPayTolls() {
    double share = (double) clean().stream().filter(t -> t.tollsAmount() > 0).count() / clean().size();
    assertThat(share).isBetween(0.01, 0.15);
  }

  @Test
  void zonesAreValidAndSkewedTowardManhattan() {
    int[] counts = new int[266];
    for (TaxiTrip t : clean()) {
      assertThat(t.puLocationId()).isBetween(1, 265);
      assertThat(t.doLocationId()).isBetween(1, 265);
      counts[t.puLocationId()]++;
    }
    int[] sorted = Arrays.stream(counts).sorted().toArray();
    int top10 = Arrays.stream(sorted, sorted.length - 10, sorted.length).sum();
    assertThat((double) top10 / clean().size()).isGreaterThan(0.3);
    assertThat(counts[237]).isGreaterThan(20 * Math.max(1, counts[5])); // Upper East Side vs Arden Heights
  }

  @Test
  void durationFollowsDistance() {
    double shortMinutes = clean().stream().filter(t -> t.tripDistance() > 0.5 && t.tripDistance() < 1.5)
        .mapToLong(t -> java.time.Duration.between(t.pickup(), t.dropoff()).toSeconds()).average().orElseThrow() / 60;
    double longMinutes = clean().stream().filter(t -> t.tripDistance() > 8 && t.tripDistance() < 12)
        .mapToLong(t -> java.time.Duration.between(t.pickup(), t.dropoff()).toSeconds()).average().orElseThrow() / 60;
    assertThat(shortMinutes).isBetween(4.0, 15.0);
    assertThat(longMinutes).isBetween(25.0, 70.0);
  }

  @Test
  void faresFollowTheMeter() {
    for (TaxiTrip t : clean()) {
      if (t.ratecodeId() == 2) assertThat(t.fareAmount()).isEqualTo(70.0);
      if (t.ratecodeId() == 1) {
        assertThat(t.fareAmount()).isGreaterThanOrEqualTo(3.0 + 3.5 * Math.floor(t.tripDistance() * 5) / 5 - 1e-9);
      }
    }
  }

  @Test
  void valuesStayInTheirDomains() {
    for (TaxiTrip t : TRIPS) {
      if (t.paymentType() != null) assertThat(t.paymentType()).isBetween(0, 6);
      if (t.passengerCount() != null) assertThat(t.passengerCount()).isBetween(0, 6);
      if (t.storeAndFwdFlag() != null) assertThat(t.storeAndFwdFlag()).isIn("Y", "N");
      if (t.ratecodeId() != null) assertThat(t.ratecodeId()).isBetween(1, 6);
    }
  }
}
