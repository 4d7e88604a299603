package io.logpro.formats.parquet;

import io.logpro.formats.ArrowTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Maps a Parquet schema to Arrow: INT32/64, FLOAT/DOUBLE, BOOLEAN, strings, binary, timestamps
 * (to microseconds; "UTC" when isAdjustedToUTC), DATE, TIME, DECIMAL, INT96, lists (3-level and
 * legacy 2-level), structs and maps (as List<Struct<key,value>>). Other types fail with an
 * IOException naming the type and column.
 */
final class ParquetSchemas {
  private ParquetSchemas() {}

  static Schema toArrow(MessageType message) throws IOException {
    List<Field> fields = new ArrayList<>();
    for (Type t : message.getFields()) fields.add(field(t, t.getName()));
    return new Schema(fields);
  }

  /** The Arrow field of {@code t}; a repeated field outside a LIST becomes a list of it. */
  static Field field(Type t, String path) throws IOException {
    if (t.isRepetition(Type.Repetition.REPEATED)) {
      Field element = nonRepeated(t, path, false);
      return new Field(t.getName(), FieldType.notNullable(ArrowType.List.INSTANCE), List.of(element));
    }
    return nonRepeated(t, path, t.isRepetition(Type.Repetition.OPTIONAL));
  }

  private static Field nonRepeated(Type t, String path, boolean nullable) throws IOException {
    if (t.isPrimitive()) {
      return new Field(t.getName(), new FieldType(nullable, primitive(t.asPrimitiveType(), path), null), null);
    }
    GroupType g = t.asGroupType();
    LogicalTypeAnnotation a = g.getLogicalTypeAnnotation();
    if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && g.getFieldCount() == 1
        && g.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      Type element = listElement(g);
      Field e = element == g.getType(0) ? nonRepeated(element, path + ".element", false) : field(element, path + ".element");
      return new Field(t.getName(), new FieldType(nullable, ArrowType.List.INSTANCE, null), List.of(rename(e, "element")));
    }
    if ((a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
        && g.getFieldCount() == 1 && !g.getType(0).isPrimitive() && g.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      Field entries = nonRepeated(g.getType(0), path + ".key_value", false);
      return new Field(t.getName(), new FieldType(nullable, ArrowType.List.INSTANCE, null), List.of(entries));
    }
    List<Field> children = new ArrayList<>();
    for (Type c : g.getFields()) children.add(field(c, path + "." + c.getName()));
    return new Field(t.getName(), new FieldType(nullable, ArrowType.Struct.INSTANCE, null), children);
  }

  private static Field rename(Field f, String name) {
    return new Field(name, f.getFieldType(), f.getChildren());
  }

  /**
   * The element of a LIST group, following the format's backward-compatibility rules: the
   * repeated field itself when it is primitive, has several fields, or is named "array" or
   * "<list>_tuple"; otherwise its single child (the standard 3-level form).
   */
  static Type listElement(GroupType list) {
    Type repeated = list.getType(0);
    if (repeated.isPrimitive()) return repeated;
    GroupType rg = repeated.asGroupType();
    if (rg.getFieldCount() != 1 || rg.getName().equals("array") || rg.getName().equals(list.getName() + "_tuple")) return repeated;
    return rg.getType(0);
  }

  static ArrowType primitive(PrimitiveType p, String path) throws IOException {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    PrimitiveType.PrimitiveTypeName n = p.getPrimitiveTypeName();
    if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
        || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
      return ArrowTypes.STRING;
    }
    if (a instanceof DecimalLogicalTypeAnnotation d) {
      if (d.getPrecision() > 38) throw unsupported(p, path, "decimal with precision " + d.getPrecision());
      return new ArrowType.Decimal(d.getPrecision(), d.getScale(), 128);
    }
    if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) return ArrowTypes.DATE;
    if (a instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) return ArrowTypes.TIME;
    if (a instanceof TimestampLogicalTypeAnnotation ts) return ts.isAdjustedToUTC() ? ArrowTypes.TIMESTAMPTZ : ArrowTypes.TIMESTAMP;
    if (a instanceof IntLogicalTypeAnnotation i) {
      if (i.getBitWidth() == 64) return ArrowTypes.INT64; // uint64 keeps its bits (values above 2^63 wrap)
      return i.getBitWidth() == 32 && !i.isSigned() ? ArrowTypes.INT64 : ArrowTypes.INT32;
    }
    if (a instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) return ArrowTypes.FLOAT32;
    if (a != null && !(a instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation)
        && !(a instanceof LogicalTypeAnnotation.UnknownLogicalTypeAnnotation) // always null: keep the physical type
        && !(a instanceof LogicalTypeAnnotation.BsonLogicalTypeAnnotation)) {
      throw unsupported(p, path, a.toString());
    }
    return switch (n) {
      case BOOLEAN -> ArrowTypes.BOOL;
      case INT32 -> ArrowTypes.INT32;
      case INT64 -> ArrowTypes.INT64;
      case INT96 -> ArrowTypes.TIMESTAMP; // legacy Impala/Spark timestamps
      case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case DOUBLE -> ArrowTypes.FLOAT64;
      case BINARY, FIXED_LEN_BYTE_ARRAY -> ArrowTypes.BINARY;
    };
  }

  private static IOException unsupported(PrimitiveType p, String path, String what) {
    return new UnsupportedTypeException("unsupported Parquet type " + what + " (" + p + ") in column " + path);
  }

  /** A column whose type logpro cannot read. */
  static final class UnsupportedTypeException extends IOException {
    UnsupportedTypeException(String message) {
      super(message);
    }
  }
}
