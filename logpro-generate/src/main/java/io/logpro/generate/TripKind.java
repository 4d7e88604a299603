package io.logpro.generate;

/** What a generated trip is, by construction: clean, or which one kind of dirt it carries. */
public enum TripKind {
  /** Realistic values that pass every Silver rule. */
  CLEAN,
  /** passenger_count, RatecodeID, store_and_fwd_flag, congestion_surcharge and Airport_fee all null; passes Silver. */
  NULL_OPTIONAL,
  /** Exactly one of the eight required fields is null. */
  NULL_REQUIRED,
  /** fare_amount (and total_amount) negative, like a refund. */
  NEGATIVE_FARE,
  /** trip_distance negative. */
  NEGATIVE_DISTANCE,
  /** Pickup on 2023-12-31 or in January 2025. */
  OUTSIDE_2024,
  /** Dropoff strictly before pickup. */
  DROPOFF_BEFORE_PICKUP,
  /** The record's bytes are broken (see {@link Defect}); it never reaches Bronze or Silver. */
  MALFORMED
}
