package io.logpro.iceberg.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Arrow schema to Iceberg schema with fresh field ids (1..n in depth-first order). Iceberg
 * re-assigns ids when it creates a table; writers therefore match columns by name and use the
 * ids of the table's own schema.
 */
public final class ArrowSchemas {
  private ArrowSchemas() {}

  public static Schema toIceberg(org.apache.arrow.vector.types.pojo.Schema arrow) {
    int[] nextId = {1};
    // Top-level ids first so that they read 1..n in column order, as Iceberg assigns them.
    List<Field> fields = arrow.getFields();
    int[] ids = new int[fields.size()];
    for (int i = 0; i < ids.length; i++) ids[i] = nextId[0]++;
    List<Types.NestedField> out = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) out.add(field(ids[i], fields.get(i), nextId));
    return new Schema(out);
  }

  /**
   * The Iceberg type of one Arrow field (nested ids numbered from 1; Iceberg assigns fresh ones
   * when the type is added to a table). Throws IllegalArgumentException for a type Iceberg cannot store.
   */
  public static Type type(Field f) {
    return type(f, new int[] {1});
  }

  private static Types.NestedField field(int id, Field f, int[] nextId) {
    Type type = type(f, nextId);
    return f.isNullable() ? Types.NestedField.optional(id, f.getName(), type) : Types.NestedField.required(id, f.getName(), type);
  }

  private static Type type(Field f, int[] nextId) {
    ArrowType t = f.getType();
    return switch (t) {
      case ArrowType.Int i -> {
        if (!i.getIsSigned() && i.getBitWidth() >= 32) yield unsupported(f, "unsigned 32/64-bit integers");
        yield i.getBitWidth() <= 32 ? Types.IntegerType.get() : Types.LongType.get();
      }
      case ArrowType.FloatingPoint fp -> fp.getPrecision() == FloatingPointPrecision.DOUBLE ? Types.DoubleType.get() : Types.FloatType.get();
      case ArrowType.Bool b -> Types.BooleanType.get();
      case ArrowType.Utf8 u -> Types.StringType.get();
      case ArrowType.LargeUtf8 u -> Types.StringType.get();
      case ArrowType.Binary b -> Types.BinaryType.get();
      case ArrowType.LargeBinary b -> Types.BinaryType.get();
      case ArrowType.FixedSizeBinary b -> Types.FixedType.ofLength(b.getByteWidth());
      case ArrowType.Date d -> Types.DateType.get();
      case ArrowType.Time tm -> Types.TimeType.get();
      case ArrowType.Timestamp ts -> ts.getTimezone() == null || ts.getTimezone().isEmpty()
          ? Types.TimestampType.withoutZone() : Types.TimestampType.withZone();
      case ArrowType.Decimal d -> {
        if (d.getPrecision() > 38) yield unsupported(f, "decimals with precision above 38");
        yield Types.DecimalType.of(d.getPrecision(), d.getScale());
      }
      case ArrowType.Struct s -> {
        List<Field> children = f.getChildren();
        int[] ids = new int[children.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = nextId[0]++;
        List<Types.NestedField> out = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) out.add(field(ids[i], children.get(i), nextId));
        yield Types.StructType.of(out);
      }
      case ArrowType.List l -> list(f, nextId);
      case ArrowType.LargeList l -> list(f, nextId);
      case ArrowType.Map m -> {
        Field entries = f.getChildren().get(0);
        Field key = entries.getChildren().get(0);
        Field value = entries.getChildren().get(1);
        int keyId = nextId[0]++;
        int valueId = nextId[0]++;
        Type kt = type(key, nextId);
        Type vt = type(value, nextId);
        yield value.isNullable() ? Types.MapType.ofOptional(keyId, valueId, kt, vt) : Types.MapType.ofRequired(keyId, valueId, kt, vt);
      }
      default -> unsupported(f, "Arrow type " + t);
    };
  }

  private static Type list(Field f, int[] nextId) {
    Field element = f.getChildren().get(0);
    int id = nextId[0]++;
    Type et = type(element, nextId);
    return element.isNullable() ? Types.ListType.ofOptional(id, et) : Types.ListType.ofRequired(id, et);
  }

  private static Type unsupported(Field f, String what) {
    throw new IllegalArgumentException("column '" + f.getName() + "': " + what + " cannot be written to Iceberg");
  }
}
