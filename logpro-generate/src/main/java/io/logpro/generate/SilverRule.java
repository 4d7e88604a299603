package io.logpro.generate;

/** The Silver layer's row rules for the taxi workload, in the order they are checked. */
public enum SilverRule {
  VENDOR_ID_NOT_NULL,
  PICKUP_NOT_NULL,
  DROPOFF_NOT_NULL,
  PU_LOCATION_NOT_NULL,
  DO_LOCATION_NOT_NULL,
  TRIP_DISTANCE_NOT_NULL,
  FARE_AMOUNT_NOT_NULL,
  TOTAL_AMOUNT_NOT_NULL,
  /** trip_distance >= 0. */
  TRIP_DISTANCE_NOT_NEGATIVE,
  /** fare_amount >= 0. */
  FARE_AMOUNT_NOT_NEGATIVE,
  /** tpep_pickup_datetime in [2024-01-01, 2025-01-01). */
  PICKUP_IN_2024,
  /** tpep_dropoff_datetime >= tpep_pickup_datetime (equal is fine: a zero-length trip). */
  DROPOFF_NOT_BEFORE_PICKUP
}
