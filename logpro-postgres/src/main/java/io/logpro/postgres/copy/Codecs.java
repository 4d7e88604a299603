package io.logpro.postgres.copy;

import static io.logpro.postgres.copy.PgOids.BOOL;
import static io.logpro.postgres.copy.PgOids.BPCHAR;
import static io.logpro.postgres.copy.PgOids.BYTEA;
import static io.logpro.postgres.copy.PgOids.DATE;
import static io.logpro.postgres.copy.PgOids.FLOAT4;
import static io.logpro.postgres.copy.PgOids.FLOAT8;
import static io.logpro.postgres.copy.PgOids.INT2;
import static io.logpro.postgres.copy.PgOids.INT4;
import static io.logpro.postgres.copy.PgOids.INT8;
import static io.logpro.postgres.copy.PgOids.INTERVAL;
import static io.logpro.postgres.copy.PgOids.JSON;
import static io.logpro.postgres.copy.PgOids.JSONB;
import static io.logpro.postgres.copy.PgOids.NAME;
import static io.logpro.postgres.copy.PgOids.NUMERIC;
import static io.logpro.postgres.copy.PgOids.TEXT;
import static io.logpro.postgres.copy.PgOids.TIME;
import static io.logpro.postgres.copy.PgOids.TIMESTAMP;
import static io.logpro.postgres.copy.PgOids.TIMESTAMPTZ;
import static io.logpro.postgres.copy.PgOids.UUID;
import static io.logpro.postgres.copy.PgOids.VARCHAR;
import static io.logpro.postgres.copy.PgOids.XML;

import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** Which codec writes an Arrow field into a PostgreSQL type, decided once per column from the types alone. */
public final class Codecs {
  private Codecs() {}

  /** Builds the codec over one batch's vector of the field. */
  @FunctionalInterface
  public interface Factory {
    ValueCodec create(FieldVector vector);
  }

  /** The codec factory for {@code field} into {@code target}, or null when there is no direct binary encoding. */
  public static Factory factory(Field field, PgType target) {
    ArrowType t = field.getType();
    if (t instanceof ArrowType.Null) return v -> NullCodec.INSTANCE;
    if (target.isArray()) return arrayFactory(field, target);
    int oid = target.oid();
    return switch (oid) {
      case BOOL -> t instanceof ArrowType.Bool ? v -> new BoolCodec((BitVector) v) : null;
      case INT2, INT4, INT8 -> t instanceof ArrowType.Int i ? v -> new IntegerCodec((BaseIntVector) v, i, oid) : null;
      case FLOAT4, FLOAT8 -> t instanceof ArrowType.FloatingPoint || t instanceof ArrowType.Int ? v -> new FloatCodec(v, oid) : null;
      case NUMERIC -> t instanceof ArrowType.Decimal || t instanceof ArrowType.Int || t instanceof ArrowType.FloatingPoint
          ? NumericCodec::new : null;
      case TEXT, VARCHAR, BPCHAR, NAME, JSON, XML -> isText(t) ? v -> new BytesCodec(v, -1) : null;
      case JSONB -> isText(t) ? v -> new BytesCodec(v, 1) : null; // jsonb's binary format: version 1, then the text
      case BYTEA -> isBinary(t) ? v -> new BytesCodec(v, -1) : null;
      case UUID -> isText(t) || (t instanceof ArrowType.FixedSizeBinary b && b.getByteWidth() == 16) ? UuidCodec::new : null;
      case DATE -> t instanceof ArrowType.Date ? TemporalCodecs.DateCodec::new : null;
      case TIME -> t instanceof ArrowType.Time ? TemporalCodecs.TimeCodec::new : null;
      case TIMESTAMP, TIMESTAMPTZ -> t instanceof ArrowType.Timestamp ts
          ? v -> new TemporalCodecs.TimestampCodec((TimeStampVector) v, ts.getUnit()) : null;
      case INTERVAL -> t instanceof ArrowType.Duration d ? v -> new TemporalCodecs.IntervalCodec((DurationVector) v, d.getUnit()) : null;
      // An enum's binary input is its label's text.
      default -> target.category() == 'E' && isText(t) ? v -> new BytesCodec(v, -1) : null;
    };
  }

  private static Factory arrayFactory(Field field, PgType target) {
    ArrowType t = field.getType();
    if (!(t instanceof ArrowType.List || t instanceof ArrowType.LargeList || t instanceof ArrowType.FixedSizeList)) return null;
    Factory element = factory(field.getChildren().get(0), target.element());
    if (element == null) return null;
    int elementOid = target.element().declared();
    return v -> new ArrayCodec(v, element.create(ArrayCodec.elements(v)), elementOid);
  }

  public static boolean isText(ArrowType t) {
    return t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8 || t instanceof ArrowType.Utf8View;
  }

  public static boolean isBinary(ArrowType t) {
    return t instanceof ArrowType.Binary || t instanceof ArrowType.LargeBinary || t instanceof ArrowType.FixedSizeBinary
        || t instanceof ArrowType.BinaryView;
  }
}
