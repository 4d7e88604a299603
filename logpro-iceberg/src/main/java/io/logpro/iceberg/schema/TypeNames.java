package io.logpro.iceberg.schema;

import java.util.stream.Collectors;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** Short type names for messages, the same for table and batch types ("int64", "decimal(10,2)", "list<string>"). */
public final class TypeNames {
  private TypeNames() {}

  public static String of(Type t) {
    return switch (t.typeId()) {
      case INTEGER -> "int32";
      case LONG -> "int64";
      case FLOAT -> "float";
      case DOUBLE -> "double";
      case BOOLEAN -> "boolean";
      case STRING -> "string";
      case BINARY -> "binary";
      case FIXED -> "fixed[" + ((Types.FixedType) t).length() + "]";
      case DECIMAL -> "decimal(" + ((Types.DecimalType) t).precision() + "," + ((Types.DecimalType) t).scale() + ")";
      case DATE -> "date";
      case TIME -> "time";
      case TIMESTAMP -> ((Types.TimestampType) t).shouldAdjustToUTC() ? "timestamptz" : "timestamp";
      case UUID -> "uuid";
      case STRUCT -> "struct<" + t.asStructType().fields().stream().map(f -> f.name() + ": " + of(f.type()))
          .collect(Collectors.joining(", ")) + ">";
      case LIST -> "list<" + of(t.asListType().elementType()) + ">";
      case MAP -> "map<" + of(t.asMapType().keyType()) + ", " + of(t.asMapType().valueType()) + ">";
      default -> t.toString();
    };
  }
}
