package io.logpro.formats;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** The type names of explicit schemas in config ("int64", "timestamptz", "decimal(10,2)") and back. */
public final class ArrowTypes {
  private static final Pattern DECIMAL = Pattern.compile("decimal\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

  public static final ArrowType INT32 = new ArrowType.Int(32, true);
  public static final ArrowType INT64 = new ArrowType.Int(64, true);
  public static final ArrowType FLOAT32 = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
  public static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
  public static final ArrowType BOOL = ArrowType.Bool.INSTANCE;
  public static final ArrowType STRING = ArrowType.Utf8.INSTANCE;
  public static final ArrowType BINARY = ArrowType.Binary.INSTANCE;
  public static final ArrowType DATE = new ArrowType.Date(DateUnit.DAY);
  public static final ArrowType TIME = new ArrowType.Time(TimeUnit.MICROSECOND, 64);
  public static final ArrowType TIMESTAMP = new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
  public static final ArrowType TIMESTAMPTZ = new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");

  private ArrowTypes() {}

  /** Parses a scalar type name; throws IllegalArgumentException naming the accepted ones. */
  public static ArrowType parse(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "int32", "int", "integer": return INT32;
      case "int64", "long", "bigint": return INT64;
      case "float32", "float": return FLOAT32;
      case "float64", "double": return FLOAT64;
      case "bool", "boolean": return BOOL;
      case "string", "utf8": return STRING;
      case "binary", "bytes": return BINARY;
      case "date": return DATE;
      case "time": return TIME;
      case "timestamp": return TIMESTAMP;
      case "timestamptz": return TIMESTAMPTZ;
      default:
    }
    Matcher m = DECIMAL.matcher(n);
    if (m.matches()) {
      int p = Integer.parseInt(m.group(1));
      int s = Integer.parseInt(m.group(2));
      if (p < 1 || p > 38 || s > p) {
        throw new IllegalArgumentException("decimal precision must be 1..38 and scale <= precision, found '" + name + "'");
      }
      return new ArrowType.Decimal(p, s, 128);
    }
    throw new IllegalArgumentException("expected one of int32, int64, float32, float64, bool, string, binary, date, time,"
        + " timestamp, timestamptz, decimal(p,s), found '" + name + "'");
  }

  /** The config name of a type; nested and other types get a readable description. */
  public static String toString(ArrowType type) {
    return switch (type) {
      case ArrowType.Int i -> (i.getIsSigned() ? "int" : "uint") + i.getBitWidth();
      case ArrowType.FloatingPoint f -> switch (f.getPrecision()) {
        case HALF -> "float16";
        case SINGLE -> "float32";
        case DOUBLE -> "float64";
      };
      case ArrowType.Bool b -> "bool";
      case ArrowType.Utf8 u -> "string";
      case ArrowType.LargeUtf8 u -> "string";
      case ArrowType.Binary b -> "binary";
      case ArrowType.FixedSizeBinary b -> "binary(" + b.getByteWidth() + ")";
      case ArrowType.Date d -> d.getUnit() == DateUnit.DAY ? "date" : "date(ms)";
      case ArrowType.Time t -> t.getUnit() == TimeUnit.MICROSECOND ? "time" : "time(" + t.getUnit() + ")";
      case ArrowType.Timestamp t -> {
        String base = t.getTimezone() == null ? "timestamp" : "timestamptz";
        yield t.getUnit() == TimeUnit.MICROSECOND ? base : base + "(" + t.getUnit().name().toLowerCase(Locale.ROOT) + ")";
      }
      case ArrowType.Decimal d -> "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
      default -> type.toString().toLowerCase(Locale.ROOT);
    };
  }

  /** A field's type including nested children: struct<a:int64,b:list<string>>. */
  public static String describe(Field field) {
    ArrowType t = field.getType();
    if (t instanceof ArrowType.Struct) {
      StringBuilder sb = new StringBuilder("struct<");
      for (int i = 0; i < field.getChildren().size(); i++) {
        Field c = field.getChildren().get(i);
        if (i > 0) sb.append(',');
        sb.append(c.getName()).append(':').append(describe(c));
      }
      return sb.append('>').toString();
    }
    if (t instanceof ArrowType.List) return "list<" + describe(field.getChildren().get(0)) + ">";
    return toString(t);
  }
}
