package io.logpro.generate;

import static io.logpro.generate.TaxiColumns.*;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The truth about rows {@code [from, from + rows)} of a taxi stream, for end-to-end tests: how
 * many rows of each kind, how many Bronze and Silver should hold, and the fare and total sums
 * over each. Sums skip nulls (as SQL's SUM does) and add doubles in row order, so a test that
 * sums the landed values must compare with a tolerance unless it adds in the same order.
 */
public record TaxiStats(
    long from,
    long rows,
    Map<TripKind, Long> byKind,
    long bronzeRows,
    long silverRows,
    double bronzeFareSum,
    double bronzeTotalSum,
    double silverFareSum,
    double silverTotalSum) {

  public TaxiStats {
    byKind = Collections.unmodifiableMap(new EnumMap<>(byKind));
  }

  /** How many rows are of {@code kind}. */
  public long count(TripKind kind) {
    return byKind.getOrDefault(kind, 0L);
  }

  /** Counts rows {@code [from, from + rows)} of {@code generator}. */
  public static TaxiStats of(TaxiGenerator generator, long from, long rows) {
    long[] kinds = new long[TripKind.values().length];
    long bronze = 0;
    long silver = 0;
    double bronzeFare = 0;
    double bronzeTotal = 0;
    double silverFare = 0;
    double silverTotal = 0;
    TripFields t = new TripFields();
    for (long row = from; row < from + rows; row++) {
      generator.fill(row, t);
      kinds[t.kind.ordinal()]++;
      if (t.kind == TripKind.MALFORMED) continue;
      bronze++;
      double fare = t.isNull(FARE_AMOUNT) ? 0.0 : t.v[FARE_AMOUNT] / 100.0;
      double total = t.isNull(TOTAL_AMOUNT) ? 0.0 : t.v[TOTAL_AMOUNT] / 100.0;
      if (!t.isNull(FARE_AMOUNT)) bronzeFare += fare;
      if (!t.isNull(TOTAL_AMOUNT)) bronzeTotal += total;
      // Silver is decided by the rules themselves, not by the kind, so the truth cannot drift from them.
      if (TaxiTrip.of(t).passesSilver()) {
        silver++;
        silverFare += fare;
        silverTotal += total;
      }
    }
    Map<TripKind, Long> byKind = new EnumMap<>(TripKind.class);
    for (TripKind k : TripKind.values()) byKind.put(k, kinds[k.ordinal()]);
    return new TaxiStats(from, rows, byKind, bronze, silver, bronzeFare, bronzeTotal, silverFare, silverTotal);
  }
}
