package io.logpro.formats.avro;

import io.logpro.formats.ArrowTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;

/**
 * Maps Avro schemas to Arrow: records to structs, arrays to lists, maps to
 * list<struct<key,value>>, unions with null to nullable fields, enums to strings, and the logical
 * types date, time-*, timestamp-* (UTC), local-timestamp-* (no zone) and decimal. A top-level
 * schema that is not a record becomes one column named "value".
 */
final class AvroSchemas {
  private AvroSchemas() {}

  static Schema toArrow(org.apache.avro.Schema avro) throws IOException {
    if (avro.getType() == org.apache.avro.Schema.Type.RECORD) {
      List<Field> fields = new ArrayList<>();
      for (var f : avro.getFields()) fields.add(field(f.name(), f.schema(), f.name()));
      return new Schema(fields);
    }
    return new Schema(List.of(field("value", avro, "value")));
  }

  /** The non-null branch of a nullable union, or the schema itself. */
  static org.apache.avro.Schema unwrap(org.apache.avro.Schema s) {
    if (s.getType() != org.apache.avro.Schema.Type.UNION) return s;
    org.apache.avro.Schema other = null;
    for (var b : s.getTypes()) {
      if (b.getType() == org.apache.avro.Schema.Type.NULL) continue;
      if (other != null) return s; // a real union of several types
      other = b;
    }
    return other == null ? s : other;
  }

  static boolean nullable(org.apache.avro.Schema s) {
    return s.getType() == org.apache.avro.Schema.Type.NULL
        || (s.getType() == org.apache.avro.Schema.Type.UNION && s.getTypes().stream().anyMatch(b -> b.getType() == org.apache.avro.Schema.Type.NULL));
  }

  /** The non-null branches of a union. */
  static List<org.apache.avro.Schema> branches(org.apache.avro.Schema union) {
    return union.getTypes().stream().filter(b -> b.getType() != org.apache.avro.Schema.Type.NULL).toList();
  }

  private static org.apache.avro.Schema nullableOf(org.apache.avro.Schema b) {
    return org.apache.avro.Schema.createUnion(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL), b);
  }

  static Field field(String name, org.apache.avro.Schema s, String path) throws IOException {
    boolean nullable = nullable(s);
    org.apache.avro.Schema t = unwrap(s);
    FieldType ft;
    List<Field> children = null;
    switch (t.getType()) {
      case RECORD -> {
        ft = new FieldType(nullable, ArrowType.Struct.INSTANCE, null);
        children = new ArrayList<>();
        for (var f : t.getFields()) children.add(field(f.name(), f.schema(), path + "." + f.name()));
      }
      case ARRAY -> {
        ft = new FieldType(nullable, ArrowType.List.INSTANCE, null);
        children = List.of(field("element", t.getElementType(), path + "[]"));
      }
      case MAP -> {
        ft = new FieldType(nullable, ArrowType.List.INSTANCE, null);
        Field key = new Field("key", FieldType.notNullable(ArrowTypes.STRING), null);
        Field value = field("value", t.getValueType(), path + ".value");
        children = List.of(new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(key, value)));
      }
      case UNION -> {
        // A union of several types: a struct with one nullable child per branch, only the taken one set.
        ft = new FieldType(nullable, ArrowType.Struct.INSTANCE, null);
        children = new ArrayList<>();
        for (var b : branches(t)) children.add(field(b.getName(), nullableOf(b), path + "." + b.getName()));
      }
      default -> ft = new FieldType(nullable, scalar(t, path), null);
    }
    return new Field(name, ft, children);
  }

  static ArrowType scalar(org.apache.avro.Schema t, String path) throws IOException {
    LogicalType lt = t.getLogicalType();
    if (lt instanceof LogicalTypes.Decimal d) {
      if (d.getPrecision() > 38) throw new UnsupportedTypeException("unsupported Avro decimal precision " + d.getPrecision() + " in field " + path);
      return new ArrowType.Decimal(d.getPrecision(), d.getScale(), 128);
    }
    if (lt instanceof LogicalTypes.Date) return ArrowTypes.DATE;
    if (lt instanceof LogicalTypes.TimeMillis || lt instanceof LogicalTypes.TimeMicros) return ArrowTypes.TIME;
    if (lt instanceof LogicalTypes.TimestampMillis || lt instanceof LogicalTypes.TimestampMicros
        || lt instanceof LogicalTypes.TimestampNanos) {
      return ArrowTypes.TIMESTAMPTZ;
    }
    if (lt instanceof LogicalTypes.LocalTimestampMillis || lt instanceof LogicalTypes.LocalTimestampMicros
        || lt instanceof LogicalTypes.LocalTimestampNanos) {
      return ArrowTypes.TIMESTAMP;
    }
    return switch (t.getType()) {
      case STRING, ENUM, NULL -> ArrowTypes.STRING;
      case BYTES, FIXED -> ArrowTypes.BINARY;
      case INT -> ArrowTypes.INT32;
      case LONG -> ArrowTypes.INT64;
      case FLOAT -> ArrowTypes.FLOAT32;
      case DOUBLE -> ArrowTypes.FLOAT64;
      case BOOLEAN -> ArrowTypes.BOOL;
      default -> throw new UnsupportedTypeException("unsupported Avro type " + t.getType() + " in field " + path);
    };
  }

  /** A field whose type logpro cannot read. */
  static final class UnsupportedTypeException extends IOException {
    UnsupportedTypeException(String message) {
      super(message);
    }
  }
}
