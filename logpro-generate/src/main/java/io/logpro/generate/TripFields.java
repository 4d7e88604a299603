package io.logpro.generate;

/**
 * One trip as the generator builds it: every column as a long (ints as is, timestamps as
 * wall-clock epoch seconds, money and miles in hundredths, the flag as 1 = Y / 0 = N) plus a
 * null bit per column. Mutable and reused across rows so that writing allocates nothing per row.
 */
final class TripFields {
  final long[] v = new long[TaxiColumns.COUNT];
  int nulls;
  long row;
  TripKind kind;
  /** For MALFORMED rows: which defect, and a draw that picks the cut point or missing column. */
  int defectDraw;
  int defectArg;

  boolean isNull(int col) {
    return (nulls & (1 << col)) != 0;
  }

  void setNull(int col) {
    nulls |= 1 << col;
  }

  Defect ndjsonDefect() {
    if (kind != TripKind.MALFORMED) return null;
    return switch (defectDraw % 3) {
      case 0 -> Defect.NDJSON_TRUNCATED;
      case 1 -> Defect.NDJSON_NOT_JSON;
      default -> Defect.NDJSON_TEXT_IN_NUMBER;
    };
  }

  Defect csvDefect() {
    if (kind != TripKind.MALFORMED) return null;
    return defectDraw % 2 == 0 ? Defect.CSV_MISSING_FIELD : Defect.CSV_BROKEN_QUOTE;
  }

  /** Pickup as epoch milliseconds (wall clock read as UTC), or {@code Long.MIN_VALUE} when null. */
  long pickupMillis() {
    return isNull(TaxiColumns.PICKUP) ? Long.MIN_VALUE : v[TaxiColumns.PICKUP] * 1000L;
  }
}
