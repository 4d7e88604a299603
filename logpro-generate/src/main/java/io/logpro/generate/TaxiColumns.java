package io.logpro.generate;

import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** The 2024 NYC TLC yellow taxi schema: column names, order, and the Arrow schema logpro uses for it. */
public final class TaxiColumns {
  private TaxiColumns() {}

  public static final int VENDOR_ID = 0;
  public static final int PICKUP = 1;
  public static final int DROPOFF = 2;
  public static final int PASSENGER_COUNT = 3;
  public static final int TRIP_DISTANCE = 4;
  public static final int RATECODE_ID = 5;
  public static final int STORE_AND_FWD_FLAG = 6;
  public static final int PU_LOCATION_ID = 7;
  public static final int DO_LOCATION_ID = 8;
  public static final int PAYMENT_TYPE = 9;
  public static final int FARE_AMOUNT = 10;
  public static final int EXTRA = 11;
  public static final int MTA_TAX = 12;
  public static final int TIP_AMOUNT = 13;
  public static final int TOLLS_AMOUNT = 14;
  public static final int IMPROVEMENT_SURCHARGE = 15;
  public static final int TOTAL_AMOUNT = 16;
  public static final int CONGESTION_SURCHARGE = 17;
  public static final int AIRPORT_FEE = 18;
  public static final int COUNT = 19;

  /** Column names in file order, spelled as in the TLC files. */
  public static final List<String> NAMES = List.of(
      "VendorID", "tpep_pickup_datetime", "tpep_dropoff_datetime", "passenger_count", "trip_distance",
      "RatecodeID", "store_and_fwd_flag", "PULocationID", "DOLocationID", "payment_type",
      "fare_amount", "extra", "mta_tax", "tip_amount", "tolls_amount", "improvement_surcharge",
      "total_amount", "congestion_surcharge", "Airport_fee");

  /** How each column is typed and printed. */
  enum Kind { INT, TIMESTAMP, HUNDREDTHS, FLAG }

  static Kind kind(int col) {
    return switch (col) {
      case PICKUP, DROPOFF -> Kind.TIMESTAMP;
      case STORE_AND_FWD_FLAG -> Kind.FLAG;
      case VENDOR_ID, PASSENGER_COUNT, RATECODE_ID, PU_LOCATION_ID, DO_LOCATION_ID, PAYMENT_TYPE -> Kind.INT;
      default -> Kind.HUNDREDTHS;
    };
  }

  /**
   * The Arrow schema per logpro's conventions: Int(32) for ids and counts, Timestamp(MICROSECOND,
   * no zone) for the wall-clock times, FloatingPoint(DOUBLE) for miles and money, Utf8 for the flag.
   * All nullable, as in the TLC files.
   */
  public static Schema arrowSchema() {
    Field[] fields = new Field[COUNT];
    for (int i = 0; i < COUNT; i++) {
      ArrowType type = switch (kind(i)) {
        case INT -> new ArrowType.Int(32, true);
        case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
        case HUNDREDTHS -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        case FLAG -> ArrowType.Utf8.INSTANCE;
      };
      fields[i] = new Field(NAMES.get(i), FieldType.nullable(type), null);
    }
    return new Schema(List.of(fields));
  }
}
