package io.logpro.formats;

import java.util.SplittableRandom;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Synthetic column values for {@link io.logpro.api.format.Decoder#sample}: varied the way real
 * columns are (small integers, amounts with cents, timestamps spread over months around 2024,
 * short strings), with a few nulls, as the text a producer would write. Deterministic, so that
 * a warm-up does the same work on every start.
 */
public final class SampleValues {
  private static final String[] WORDS = {"N", "Y", "A", "cash", "card", "Zoë", "north-east", "sample value with spaces"};
  private final SplittableRandom random = new SplittableRandom(42);

  /** The value as text, or null for a null (about 3 in 100, and always for nested types). */
  public String text(ArrowType type) {
    if (random.nextInt(100) < 3) return null;
    return switch (type) {
      case ArrowType.Int i -> Integer.toString(random.nextInt(i.getBitWidth() == 8 ? 100 : 300));
      case ArrowType.FloatingPoint f -> cents(random.nextInt(100) < 5 ? -random.nextInt(1_000) : random.nextInt(20_000));
      case ArrowType.Decimal d -> new java.math.BigDecimal(java.math.BigInteger.valueOf(random.nextLong(1_000_000)), d.getScale())
          .max(java.math.BigDecimal.ZERO).toPlainString();
      case ArrowType.Bool b -> Boolean.toString(random.nextBoolean());
      case ArrowType.Utf8 u -> WORDS[random.nextInt(WORDS.length)];
      case ArrowType.LargeUtf8 u -> WORDS[random.nextInt(WORDS.length)];
      case ArrowType.Date d -> date();
      case ArrowType.Time t -> time();
      case ArrowType.Timestamp t -> date() + "T" + time() + (t.getTimezone() == null ? "" : "Z");
      default -> null; // binary and nested values: the text forms vary by format, a null serves
    };
  }

  /** Whether a JSON producer writes values of {@code type} as strings rather than bare numbers or booleans. */
  public static boolean quotedInJson(ArrowType type) {
    return !(type instanceof ArrowType.Int || type instanceof ArrowType.FloatingPoint || type instanceof ArrowType.Decimal
        || type instanceof ArrowType.Bool);
  }

  // (no String.format: it costs more than the rest of a warm-up's sample)
  private static String cents(int cents) {
    int abs = Math.abs(cents);
    return (cents < 0 ? "-" : "") + abs / 100 + "." + two(abs % 100);
  }

  private String date() {
    // mostly 2024, some 2023 and 2025: range rules reject a few, as with real data
    int year = 2024 + (random.nextInt(20) == 0 ? (random.nextBoolean() ? 1 : -1) : 0);
    return year + "-" + two(1 + random.nextInt(12)) + "-" + two(1 + random.nextInt(28));
  }

  private String time() {
    return two(random.nextInt(24)) + ":" + two(random.nextInt(60)) + ":" + two(random.nextInt(60));
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }
}
