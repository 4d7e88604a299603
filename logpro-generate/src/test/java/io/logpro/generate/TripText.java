package io.logpro.generate;

import java.time.format.DateTimeFormatter;

/** A trip's values as the TLC files print them, for comparing parsed output with the truth. */
final class TripText {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private TripText() {}

  /** The value of column {@code col} (see {@link TaxiColumns}), or null. */
  static Object value(TaxiTrip t, int col) {
    return switch (col) {
      case TaxiColumns.VENDOR_ID -> t.vendorId();
      case TaxiColumns.PICKUP -> t.pickup() == null ? null : t.pickup().format(TS);
      case TaxiColumns.DROPOFF -> t.dropoff() == null ? null : t.dropoff().format(TS);
      case TaxiColumns.PASSENGER_COUNT -> t.passengerCount();
      case TaxiColumns.TRIP_DISTANCE -> t.tripDistance();
      case TaxiColumns.RATECODE_ID -> t.ratecodeId();
      case TaxiColumns.STORE_AND_FWD_FLAG -> t.storeAndFwdFlag();
      case TaxiColumns.PU_LOCATION_ID -> t.puLocationId();
      case TaxiColumns.DO_LOCATION_ID -> t.doLocationId();
      case TaxiColumns.PAYMENT_TYPE -> t.paymentType();
      case TaxiColumns.FARE_AMOUNT -> t.fareAmount();
      case TaxiColumns.EXTRA -> t.extra();
      case TaxiColumns.MTA_TAX -> t.mtaTax();
      case TaxiColumns.TIP_AMOUNT -> t.tipAmount();
      case TaxiColumns.TOLLS_AMOUNT -> t.tollsAmount();
      case TaxiColumns.IMPROVEMENT_SURCHARGE -> t.improvementSurcharge();
      case TaxiColumns.TOTAL_AMOUNT -> t.totalAmount();
      case TaxiColumns.CONGESTION_SURCHARGE -> t.congestionSurcharge();
      case TaxiColumns.AIRPORT_FEE -> t.airportFee();
      default -> throw new IllegalArgumentException("column " + col);
    };
  }

  /** Parses a CSV field as the column's Java type; empty is null. */
  static Object parse(String text, int col) {
    if (text.isEmpty()) return null;
    return switch (TaxiColumns.kind(col)) {
      case INT -> Integer.parseInt(text);
      case HUNDREDTHS -> Double.parseDouble(text);
      case TIMESTAMP, FLAG -> text;
    };
  }
}
