package io.logpro.formats.avro;

import io.logpro.api.format.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.Text;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes rows as Avro binary records (plain binary encoding, the form Kafka values and the avro
 * decoder use), with the configured writer schema or one derived from the rows' Arrow schema.
 * Builds one GenericRecord per row: a sink-side encoder, where the broker round trip dominates.
 */
final class AvroEncoder implements Encoder {
  private final Schema avro;
  private final GenericDatumWriter<GenericData.Record> writer;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
  private BinaryEncoder encoder;

  AvroEncoder(org.apache.arrow.vector.types.pojo.Schema arrow, Schema configured) {
    this.avro = configured != null ? configured : derive(arrow);
    this.writer = new GenericDatumWriter<>(avro);
  }

  Schema schema() {
    return avro;
  }

  /** An Avro record schema for the Arrow fields; every field nullable (a union with null, null first). */
  static Schema derive(org.apache.arrow.vector.types.pojo.Schema arrow) {
    return record("row", arrow.getFields());
  }

  private static Schema record(String name, List<Field> fields) {
    SchemaBuilder.FieldAssembler<Schema> a = SchemaBuilder.record(name).namespace("io.logpro").fields();
    for (Field f : fields) {
      Schema t = Schema.createUnion(Schema.create(Schema.Type.NULL), type(f));
      a = a.name(safe(f.getName())).type(t).withDefault(null);
    }
    return a.endRecord();
  }

  private static String safe(String name) {
    String s = name.replaceAll("[^A-Za-z0-9_]", "_");
    return Character.isDigit(s.isEmpty() ? '0' : s.charAt(0)) ? "_" + s : s;
  }

  private static Schema type(Field f) {
    ArrowType t = f.getType();
    return switch (t) {
      case ArrowType.Int i -> Schema.create(i.getBitWidth() <= 32 ? Schema.Type.INT : Schema.Type.LONG);
      case ArrowType.FloatingPoint fp -> Schema.create(fp.getPrecision() == FloatingPointPrecision.DOUBLE ? Schema.Type.DOUBLE : Schema.Type.FLOAT);
      case ArrowType.Bool b -> Schema.create(Schema.Type.BOOLEAN);
      case ArrowType.Utf8 u -> Schema.create(Schema.Type.STRING);
      case ArrowType.Binary b -> Schema.create(Schema.Type.BYTES);
      case ArrowType.Date d -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
      case ArrowType.Timestamp ts -> (ts.getTimezone() == null ? LogicalTypes.localTimestampMicros() : LogicalTypes.timestampMicros())
          .addToSchema(Schema.create(Schema.Type.LONG));
      case ArrowType.Decimal d -> LogicalTypes.decimal(d.getPrecision(), d.getScale()).addToSchema(Schema.create(Schema.Type.BYTES));
      case ArrowType.Struct s -> record(safe(f.getName()), f.getChildren());
      case ArrowType.List l -> Schema.createArray(Schema.createUnion(Schema.create(Schema.Type.NULL), type(f.getChildren().get(0))));
      default -> throw new IllegalArgumentException("column " + f.getName() + ": Avro output does not support " + t);
    };
  }

  @Override
  public void encode(VectorSchemaRoot root, int from, int to, OutputStream out) throws IOException {
    for (int r = from; r < to; r++) out.write(encodeRow(root, r));
  }

  @Override
  public byte[] encodeRow(VectorSchemaRoot root, int row) throws IOException {
    GenericData.Record rec = new GenericData.Record(avro);
    for (Schema.Field f : avro.getFields()) {
      FieldVector v = vector(root, f.name());
      if (v == null || v.isNull(row)) continue;
      rec.put(f.pos(), value(v, row));
    }
    buffer.reset();
    encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
    writer.write(rec, encoder);
    encoder.flush();
    return buffer.toByteArray();
  }

  private static FieldVector vector(VectorSchemaRoot root, String avroName) {
    for (FieldVector v : root.getFieldVectors()) if (safe(v.getName()).equals(avroName)) return v;
    return null;
  }

  /** The value of a top-level column in the form Avro's generic writer takes. */
  private static Object value(FieldVector v, int row) {
    return switch (v) {
      case TimeStampVector ts -> toMicros(ts.get(row), ((ArrowType.Timestamp) ts.getField().getType()).getUnit());
      case DateDayVector d -> d.get(row);
      case BitVector b -> b.get(row) != 0;
      case DecimalVector d -> ByteBuffer.wrap(d.getObject(row).unscaledValue().toByteArray());
      default -> plain(v.getObject(row));
    };
  }

  private static long toMicros(long value, TimeUnit unit) {
    return switch (unit) {
      case SECOND -> value * 1_000_000;
      case MILLISECOND -> value * 1_000;
      case MICROSECOND -> value;
      case NANOSECOND -> value / 1_000;
    };
  }

  /** Nested values as Arrow hands them out (Text, maps, lists) turned into Avro's. */
  private static Object plain(Object o) {
    return switch (o) {
      case null -> null;
      case Text t -> t.toString();
      case byte[] b -> ByteBuffer.wrap(b);
      case BigDecimal d -> ByteBuffer.wrap(d.unscaledValue().toByteArray());
      case List<?> l -> {
        List<Object> out = new ArrayList<>(l.size());
        for (Object x : l) out.add(plain(x));
        yield out;
      }
      case Map<?, ?> m -> throw new IllegalArgumentException("nested structs are not written as Avro yet; flatten them first");
      default -> o;
    };
  }
}
