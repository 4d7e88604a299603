package io.logpro.postgres;

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

import io.logpro.postgres.copy.Codecs;
import io.logpro.postgres.copy.PgOids;
import io.logpro.postgres.copy.PgType;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Arrow types as PostgreSQL types: the column type of a created table (and of an added column),
 * the staging type of a value that reaches its column through a SQL cast, which casts exist,
 * and which type changes are safe widenings.
 */
final class PgTypes {
  /** Arrow field metadata: the source column's declared type (set by the CDC sources). */
  static final String SQL_TYPE = "logpro.sql_type";
  /** Arrow field metadata: "true" on primary-key columns. */
  static final String KEY = "logpro.key";

  private static final PgType SMALLINT = PgType.of(INT2, "smallint", 'N');
  private static final PgType INTEGER = PgType.of(INT4, "integer", 'N');
  private static final PgType BIGINT = PgType.of(INT8, "bigint", 'N');
  private static final PgType REAL = PgType.of(FLOAT4, "real", 'N');
  private static final PgType DOUBLE = PgType.of(FLOAT8, "double precision", 'N');
  private static final PgType BOOLEAN = PgType.of(BOOL, "boolean", 'B');
  private static final PgType NUMERIC_ANY = PgType.of(NUMERIC, "numeric", 'N');
  private static final PgType TEXT_TYPE = PgType.of(TEXT, "text", 'S');
  private static final PgType BYTEA_TYPE = PgType.of(BYTEA, "bytea", 'U');
  private static final PgType DATE_TYPE = PgType.of(DATE, "date", 'D');
  private static final PgType TIME_TYPE = PgType.of(TIME, "time without time zone", 'D');
  private static final PgType TIMESTAMP_TYPE = PgType.of(TIMESTAMP, "timestamp without time zone", 'D');
  private static final PgType TIMESTAMPTZ_TYPE = PgType.of(TIMESTAMPTZ, "timestamp with time zone", 'D');
  private static final PgType INTERVAL_TYPE = PgType.of(INTERVAL, "interval", 'T');
  private static final PgType UUID_TYPE = PgType.of(UUID, "uuid", 'U');

  /** Declared source types (logpro.sql_type) that a text column may take in a created table. */
  private static final Map<String, PgType> TEXT_SQL_TYPES = Map.ofEntries(
      Map.entry("uuid", UUID_TYPE),
      Map.entry("json", PgType.of(JSON, "json", 'U')),
      Map.entry("jsonb", PgType.of(JSONB, "jsonb", 'U')),
      Map.entry("xml", PgType.of(XML, "xml", 'U')),
      Map.entry("varchar", PgType.of(VARCHAR, "character varying", 'S')),
      Map.entry("character varying", PgType.of(VARCHAR, "character varying", 'S')),
      Map.entry("text", TEXT_TYPE),
      Map.entry("inet", PgType.of(869, "inet", 'I')),
      Map.entry("cidr", PgType.of(650, "cidr", 'I')),
      Map.entry("macaddr", PgType.of(829, "macaddr", 'U')));

  private PgTypes() {}

  /** The column type of {@code field} in a created table: the Arrow type's, refined by logpro.sql_type for text. */
  static PgType columnType(Field field) {
    return columnType(field, sqlType(field));
  }

  private static PgType columnType(Field field, String declared) {
    ArrowType t = field.getType();
    if (Codecs.isText(t) && declared != null && TEXT_SQL_TYPES.containsKey(declared)) return TEXT_SQL_TYPES.get(declared);
    if (t instanceof ArrowType.FixedSizeBinary b && b.getByteWidth() == 16 && "uuid".equals(declared)) return UUID_TYPE;
    if (isList(t)) {
      Field child = field.getChildren().get(0);
      // A PostgreSQL source names an array type "_<element>" ("_uuid"): the element takes that type.
      String childDeclared = sqlType(child) != null ? sqlType(child)
          : declared != null && declared.startsWith("_") ? declared.substring(1) : null;
      return arrayOf(columnType(child, childDeclared));
    }
    return stagingType(field);
  }

  /** The type of {@code field} from its Arrow type alone: always one the binary COPY encoder writes directly. */
  static PgType stagingType(Field field) {
    ArrowType t = field.getType();
    return switch (t) {
      case ArrowType.Int i when !i.getIsSigned() && i.getBitWidth() == 64 -> PgType.of(NUMERIC, "numeric(20,0)", 'N');
      case ArrowType.Int i -> {
        int bits = i.getIsSigned() ? i.getBitWidth() : i.getBitWidth() * 2;
        yield bits <= 16 ? SMALLINT : bits <= 32 ? INTEGER : BIGINT;
      }
      case ArrowType.FloatingPoint f -> f.getPrecision() == FloatingPointPrecision.DOUBLE ? DOUBLE : REAL;
      case ArrowType.Bool b -> BOOLEAN;
      case ArrowType.Decimal d -> numeric(d.getPrecision(), d.getScale());
      case ArrowType.Utf8 u -> TEXT_TYPE;
      case ArrowType.LargeUtf8 u -> TEXT_TYPE;
      case ArrowType.Utf8View u -> TEXT_TYPE;
      case ArrowType.Binary b -> BYTEA_TYPE;
      case ArrowType.LargeBinary b -> BYTEA_TYPE;
      case ArrowType.BinaryView b -> BYTEA_TYPE;
      case ArrowType.FixedSizeBinary b -> BYTEA_TYPE;
      case ArrowType.Date d -> DATE_TYPE;
      case ArrowType.Time tm -> TIME_TYPE;
      case ArrowType.Timestamp ts -> ts.getTimezone() == null || ts.getTimezone().isEmpty() ? TIMESTAMP_TYPE : TIMESTAMPTZ_TYPE;
      case ArrowType.Duration d -> INTERVAL_TYPE;
      case ArrowType.Null n -> TEXT_TYPE;
      default -> {
        if (isList(t) && !isList(field.getChildren().get(0).getType())) yield arrayOf(stagingType(field.getChildren().get(0)));
        throw new IllegalArgumentException("column " + field.getName() + ": Arrow type " + t
            + " has no PostgreSQL type (nor has a list of lists); leave it out with exclude");
      }
    };
  }

  /** The staging type of a value cast in SQL: unconstrained numeric, so the cast alone rounds and checks. */
  static PgType castSourceType(Field field) {
    PgType t = stagingType(field);
    return t.oid() == NUMERIC ? NUMERIC_ANY : t;
  }

  static PgType numeric(int precision, int scale) {
    if (precision < 1 || precision > 1000 || scale < -1000 || scale > 1000) return NUMERIC_ANY;
    return new PgType(NUMERIC, NUMERIC, "numeric(" + precision + "," + scale + ")", 'N', ((precision << 16) | (scale & 0x7FF)) + 4, null);
  }

  private static PgType arrayOf(PgType element) {
    int oid = PgOids.arrayOf(element.oid());
    return PgType.arrayOf(oid, element);
  }

  static boolean isList(ArrowType t) {
    return t instanceof ArrowType.List || t instanceof ArrowType.LargeList || t instanceof ArrowType.FixedSizeList;
  }

  static String sqlType(Field field) {
    String s = field.getMetadata().get(SQL_TYPE);
    return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
  }

  static boolean isKey(Field field) {
    return "true".equalsIgnoreCase(field.getMetadata().get(KEY));
  }

  static boolean isTextLike(PgType t) {
    return !t.isArray() && (t.oid() == TEXT || t.oid() == VARCHAR || t.oid() == BPCHAR || t.oid() == NAME);
  }

  private static boolean isNumber(PgType t) {
    return !t.isArray() && (t.oid() == INT2 || t.oid() == INT4 || t.oid() == INT8 || t.oid() == FLOAT4 || t.oid() == FLOAT8
        || t.oid() == NUMERIC);
  }

  private static boolean isDateTime(PgType t) {
    return !t.isArray() && (t.oid() == DATE || t.oid() == TIMESTAMP || t.oid() == TIMESTAMPTZ);
  }

  /**
   * Whether a value of {@code from} goes into {@code to} by an explicit SQL cast that fails only
   * for some values (then row by row, to the dead letters): anything into text, text into
   * anything (the type's input function), numbers into numbers, dates and timestamps into each other.
   */
  static boolean castable(PgType from, PgType to) {
    if (isTextLike(to)) return true;
    if (!from.isArray() && from.oid() == TEXT) return true;
    if (isNumber(from) && isNumber(to)) return true;
    if (isDateTime(from) && (isDateTime(to) || (!to.isArray() && to.oid() == TIME && from.oid() != DATE))) return true;
    if (from.isArray() && to.isArray()) return castable(from.element(), to.element());
    return false;
  }

  /**
   * The type a column of type {@code current} should widen to so that values of {@code wanted}
   * fit without loss, or null when it needs no change or the change is not a safe widening.
   */
  static PgType widening(PgType current, PgType wanted) {
    if (current.isArray() || wanted.isArray()) return null;
    int c = current.oid();
    int w = wanted.oid();
    if ((c == INT2 && (w == INT4 || w == INT8)) || (c == INT4 && w == INT8)) return wanted;
    if (c == FLOAT4 && w == FLOAT8) return wanted;
    if (c == NUMERIC && w == NUMERIC && current.typmod() >= 4 && wanted.typmod() >= 4) {
      int cp = precision(current);
      int cs = scale(current);
      int wp = precision(wanted);
      int ws = scale(wanted);
      int integerDigits = Math.max(cp - cs, wp - ws);
      int scale = Math.max(cs, ws);
      if (integerDigits == cp - cs && scale == cs) return null;
      return integerDigits + scale > 1000 ? NUMERIC_ANY : numeric(integerDigits + scale, scale);
    }
    if (c == NUMERIC && w == NUMERIC && current.typmod() >= 4 && wanted.typmod() < 4) return NUMERIC_ANY;
    return null;
  }

  /** The length limit of a varchar(n) or char(n) column, or -1. */
  static int lengthLimit(PgType t) {
    return !t.isArray() && (t.oid() == VARCHAR || t.oid() == BPCHAR) && t.typmod() >= 4 ? t.typmod() - 4 : -1;
  }

  private static int precision(PgType numeric) {
    return ((numeric.typmod() - 4) >> 16) & 0xFFFF;
  }

  private static int scale(PgType numeric) {
    // PostgreSQL 15 keeps a negative scale in the low 11 bits, sign-extended.
    int s = (numeric.typmod() - 4) & 0x7FF;
    return (s ^ 1024) - 1024;
  }
}
