package io.logpro.generate;

/** How a {@link TripKind#MALFORMED} row is broken, per output format. */
public enum Defect {
  /** The JSON object is cut in the middle (the line still ends). */
  NDJSON_TRUNCATED,
  /** The line is {@code key=value} text, not JSON at all. */
  NDJSON_NOT_JSON,
  /** Valid JSON, but fare_amount holds text ({@code "12.5 USD"}). */
  NDJSON_TEXT_IN_NUMBER,
  /** One field is missing: 18 fields instead of 19. */
  CSV_MISSING_FIELD,
  /**
   * store_and_fwd_flag is {@code "N"N}: text after a closing quote. The line keeps an even number
   * of quotes so that a quote-tracking reader does not swallow the following lines.
   */
  CSV_BROKEN_QUOTE
}
