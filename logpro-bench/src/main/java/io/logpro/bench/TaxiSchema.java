package io.logpro.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The 2024 yellow taxi schema exactly as examples/taxi/silver.yaml declares it, in logpro's type
 * names and in DuckDB's, so that both engines read the same explicit column types.
 */
final class TaxiSchema {
  /** Column name to logpro schema type, in file order. */
  static final Map<String, String> LOGPRO = new LinkedHashMap<>();

  static {
    LOGPRO.put("VendorID", "int32");
    LOGPRO.put("tpep_pickup_datetime", "timestamp");
    LOGPRO.put("tpep_dropoff_datetime", "timestamp");
    LOGPRO.put("passenger_count", "int64");
    LOGPRO.put("trip_distance", "float64");
    LOGPRO.put("RatecodeID", "int64");
    LOGPRO.put("store_and_fwd_flag", "string");
    LOGPRO.put("PULocationID", "int32");
    LOGPRO.put("DOLocationID", "int32");
    LOGPRO.put("payment_type", "int64");
    for (String c : new String[] {"fare_amount", "extra", "mta_tax", "tip_amount", "tolls_amount", "improvement_surcharge",
        "total_amount", "congestion_surcharge", "Airport_fee"}) {
      LOGPRO.put(c, "float64");
    }
  }

  private TaxiSchema() {}

  static String duckDbType(String logproType) {
    return switch (logproType) {
      case "int32" -> "INTEGER";
      case "int64" -> "BIGINT";
      case "float64" -> "DOUBLE";
      case "string" -> "VARCHAR";
      case "timestamp" -> "TIMESTAMP";
      default -> throw new IllegalArgumentException(logproType);
    };
  }

  /** The DuckDB {@code columns=} struct literal: {'VendorID': 'INTEGER', ...}. */
  static String duckDbColumns() {
    return LOGPRO.entrySet().stream()
        .map(e -> "'" + e.getKey() + "': '" + duckDbType(e.getValue()) + "'")
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
