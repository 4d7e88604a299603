package io.logpro.processors.expr;

import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The value types of the SQL-like language and how each is held while evaluating: BOOL in
 * boolean[], STRING as UTF-8 bytes + offsets, DOUBLE in double[], everything else in long[]
 * (INT and BIGINT as integers, TIMESTAMP/TIMESTAMPTZ as micros since the epoch, DATE as days).
 */
enum VType {
  NULL(ArrowType.Null.INSTANCE),
  BOOL(ArrowType.Bool.INSTANCE),
  INT(new ArrowType.Int(32, true)),
  BIGINT(new ArrowType.Int(64, true)),
  DOUBLE(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
  STRING(ArrowType.Utf8.INSTANCE),
  TIMESTAMP(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
  TIMESTAMPTZ(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
  DATE(new ArrowType.Date(DateUnit.DAY));

  final ArrowType arrow;

  VType(ArrowType arrow) {
    this.arrow = arrow;
  }

  boolean numeric() {
    return this == INT || this == BIGINT || this == DOUBLE;
  }

  boolean integral() {
    return this == INT || this == BIGINT;
  }

  boolean temporal() {
    return this == TIMESTAMP || this == TIMESTAMPTZ || this == DATE;
  }

  boolean timestamp() {
    return this == TIMESTAMP || this == TIMESTAMPTZ;
  }

  /** Held in a long[] column. */
  boolean longBacked() {
    return this == INT || this == BIGINT || this == TIMESTAMP || this == TIMESTAMPTZ || this == DATE || this == NULL;
  }

  /** The language's type for an Arrow column type, or null when expressions cannot read it. */
  static VType of(ArrowType t) {
    return switch (t) {
      case ArrowType.Null n -> NULL;
      case ArrowType.Bool b -> BOOL;
      case ArrowType.Int i -> (i.getBitWidth() < 32 || (i.getBitWidth() == 32 && i.getIsSigned())) ? INT : BIGINT;
      case ArrowType.FloatingPoint f -> DOUBLE;
      case ArrowType.Decimal d -> DOUBLE;
      case ArrowType.Utf8 u -> STRING;
      case ArrowType.LargeUtf8 u -> STRING;
      case ArrowType.Timestamp ts -> ts.getTimezone() == null ? TIMESTAMP : TIMESTAMPTZ;
      case ArrowType.Date d -> DATE;
      default -> null;
    };
  }

  @Override
  public String toString() {
    return name();
  }
}
