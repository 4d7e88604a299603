package io.logpro.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The {@code Retry-After} header (RFC 9110 10.2.3): delay-seconds or an HTTP date. */
final class RetryAfter {
  private RetryAfter() {}

  /** The wait it asks for (never negative), or null when absent or unreadable. */
  static Duration parse(String value) {
    return parse(value, Instant.now());
  }

  static Duration parse(String value, Instant now) {
    if (value == null || value.isBlank()) return null;
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(v));
      } catch (NumberFormatException | ArithmeticException e) {
        return null; // more digits than a long: absurd, so ignored like any unreadable value
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
