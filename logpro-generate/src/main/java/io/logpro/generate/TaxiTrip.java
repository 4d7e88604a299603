package io.logpro.generate;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One generated trip with its truth: the values (null where the row has a null), what kind of
 * row it is, and, for malformed rows, how its bytes are broken in each format. Doubles are the
 * exact values a parser reads back from the printed text (hundredths / 100.0).
 */
public record TaxiTrip(
    long row,
    TripKind kind,
    Integer vendorId,
    LocalDateTime pickup,
    LocalDateTime dropoff,
    Integer passengerCount,
    Double tripDistance,
    Integer ratecodeId,
    String storeAndFwdFlag,
    Integer puLocationId,
    Integer doLocationId,
    Integer paymentType,
    Double fareAmount,
    Double extra,
    Double mtaTax,
    Double tipAmount,
    Double tollsAmount,
    Double improvementSurcharge,
    Double totalAmount,
    Double congestionSurcharge,
    Double airportFee,
    Defect ndjsonDefect,
    Defect csvDefect) {

  public static final LocalDateTime SILVER_FROM = LocalDateTime.of(2024, 1, 1, 0, 0);
  public static final LocalDateTime SILVER_UNTIL = LocalDateTime.of(2025, 1, 1, 0, 0);

  /** The rules this row's values break, in {@link SilverRule} order; empty for a clean row. */
  public List<SilverRule> brokenRules() {
    List<SilverRule> out = new ArrayList<>(2);
    if (vendorId == null) out.add(SilverRule.VENDOR_ID_NOT_NULL);
    if (pickup == null) out.add(SilverRule.PICKUP_NOT_NULL);
    if (dropoff == null) out.add(SilverRule.DROPOFF_NOT_NULL);
    if (puLocationId == null) out.add(SilverRule.PU_LOCATION_NOT_NULL);
    if (doLocationId == null) out.add(SilverRule.DO_LOCATION_NOT_NULL);
    if (tripDistance == null) out.add(SilverRule.TRIP_DISTANCE_NOT_NULL);
    if (fareAmount == null) out.add(SilverRule.FARE_AMOUNT_NOT_NULL);
    if (totalAmount == null) out.add(SilverRule.TOTAL_AMOUNT_NOT_NULL);
    if (tripDistance != null && tripDistance < 0) out.add(SilverRule.TRIP_DISTANCE_NOT_NEGATIVE);
    if (fareAmount != null && fareAmount < 0) out.add(SilverRule.FARE_AMOUNT_NOT_NEGATIVE);
    if (pickup != null && (pickup.isBefore(SILVER_FROM) || !pickup.isBefore(SILVER_UNTIL))) {
      out.add(SilverRule.PICKUP_IN_2024);
    }
    if (pickup != null && dropoff != null && dropoff.isBefore(pickup)) {
      out.add(SilverRule.DROPOFF_NOT_BEFORE_PICKUP);
    }
    return out;
  }

  /**
   * Whether the row lands in Silver: it reached Bronze (is not malformed) and breaks no rule.
   * NULL_OPTIONAL rows pass.
   */
  public boolean passesSilver() {
    return kind != TripKind.MALFORMED && brokenRules().isEmpty();
  }

  /** Whether the row lands in Bronze: every row whose bytes parse, whatever its values. */
  public boolean reachesBronze() {
    return kind != TripKind.MALFORMED;
  }

  static TaxiTrip of(TripFields t) {
    return new TaxiTrip(
        t.row,
        t.kind,
        integer(t, TaxiColumns.VENDOR_ID),
        time(t, TaxiColumns.PICKUP),
        time(t, TaxiColumns.DROPOFF),
        integer(t, TaxiColumns.PASSENGER_COUNT),
        hundredths(t, TaxiColumns.TRIP_DISTANCE),
        integer(t, TaxiColumns.RATECODE_ID),
        t.isNull(TaxiColumns.STORE_AND_FWD_FLAG) ? null : t.v[TaxiColumns.STORE_AND_FWD_FLAG] == 1 ? "Y" : "N",
        integer(t, TaxiColumns.PU_LOCATION_ID),
        integer(t, TaxiColumns.DO_LOCATION_ID),
        integer(t, TaxiColumns.PAYMENT_TYPE),
        hundredths(t, TaxiColumns.FARE_AMOUNT),
        hundredths(t, TaxiColumns.EXTRA),
        hundredths(t, TaxiColumns.MTA_TAX),
        hundredths(t, TaxiColumns.TIP_AMOUNT),
        hundredths(t, TaxiColumns.TOLLS_AMOUNT),
        hundredths(t, TaxiColumns.IMPROVEMENT_SURCHARGE),
        hundredths(t, TaxiColumns.TOTAL_AMOUNT),
        hundredths(t, TaxiColumns.CONGESTION_SURCHARGE),
        hundredths(t, TaxiColumns.AIRPORT_FEE),
        t.ndjsonDefect(),
        t.csvDefect());
  }

  private static Integer integer(TripFields t, int col) {
    return t.isNull(col) ? null : (int) t.v[col];
  }

  private static Double hundredths(TripFields t, int col) {
    return t.isNull(col) ? null : t.v[col] / 100.0;
  }

  private static LocalDateTime time(TripFields t, int col) {
    return t.isNull(col) ? null : LocalDateTime.ofEpochSecond(t.v[col], 0, ZoneOffset.UTC);
  }
}
