package io.logpro.formats.avro;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.util.Utf8;

/**
 * Writes Avro generic values (as GenericDatumReader returns them, without logical-type
 * conversions) into one Arrow vector. One per field, nested like the schema.
 */
abstract class AvroColumn {
  private static final byte[] EMPTY = new byte[0];

  abstract void write(Object value, int idx);

  abstract void writeNull(int idx);

  static AvroColumn of(FieldVector v, org.apache.avro.Schema schema) {
    org.apache.avro.Schema s = AvroSchemas.unwrap(schema);
    return switch (v) {
      case StructVector sv when s.getType() == org.apache.avro.Schema.Type.UNION -> new UnionColumn(sv, s);
      case StructVector sv -> new Struct(sv, s);
      case ListVector lv when s.getType() == org.apache.avro.Schema.Type.MAP -> new MapColumn(lv, s);
      case ListVector lv -> new ListColumn(lv, s);
      default -> new Scalar(v, s.getLogicalType());
    };
  }

  static final class Scalar extends AvroColumn {
    final FieldVector vector;
    final long timeMul;
    final long timeDiv;

    Scalar(FieldVector vector, LogicalType lt) {
      this.vector = vector;
      boolean millis = lt instanceof LogicalTypes.TimestampMillis || lt instanceof LogicalTypes.LocalTimestampMillis
          || lt instanceof LogicalTypes.TimeMillis;
      boolean nanos = lt instanceof LogicalTypes.TimestampNanos || lt instanceof LogicalTypes.LocalTimestampNanos;
      timeMul = millis ? 1000 : 1;
      timeDiv = nanos ? 1000 : 1;
    }

    @Override
    void write(Object value, int i) {
      if (value == null) {
        writeNull(i);
        return;
      }
      switch (vector) {
        case VarCharVector v -> {
          if (value instanceof Utf8 u) {
            v.setSafe(i, u.getBytes(), 0, u.getByteLength());
          } else {
            byte[] b = value.toString().getBytes(StandardCharsets.UTF_8);
            v.setSafe(i, b, 0, b.length);
          }
        }
        case VarBinaryVector v -> {
          byte[] b = bytes(value);
          v.setSafe(i, b, 0, b.length);
        }
        case IntVector v -> v.setSafe(i, (Integer) value);
        case BigIntVector v -> v.setSafe(i, ((Number) value).longValue());
        case Float4Vector v -> v.setSafe(i, (Float) value);
        case Float8Vector v -> v.setSafe(i, (Double) value);
        case BitVector v -> v.setSafe(i, (Boolean) value ? 1 : 0);
        case DateDayVector v -> v.setSafe(i, (Integer) value);
        case TimeMicroVector v -> v.setSafe(i, ((Number) value).longValue() * timeMul);
        case TimeStampVector v -> v.setSafe(i, Math.floorDiv(((Number) value).longValue() * timeMul, timeDiv));
        case DecimalVector v -> v.setSafe(i, new java.math.BigDecimal(new BigInteger(bytes(value)), v.getScale()));
        default -> throw new IllegalStateException("no Avro writer for " + vector.getField());
      }
    }

    private static byte[] bytes(Object value) {
      if (value instanceof ByteBuffer bb) {
        byte[] b = new byte[bb.remaining()];
        bb.duplicate().get(b);
        return b;
      }
      if (value instanceof GenericFixed f) return f.bytes();
      return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    void writeNull(int i) {
      if (vector instanceof VarCharVector s) s.setSafe(i, EMPTY, 0, 0);
      else if (vector instanceof VarBinaryVector b) b.setSafe(i, EMPTY, 0, 0);
      vector.setNull(i);
    }
  }

  static final class Struct extends AvroColumn {
    final StructVector vector;
    final AvroColumn[] children;

    Struct(StructVector vector, org.apache.avro.Schema record) {
      this.vector = vector;
      List<FieldVector> kids = vector.getChildrenFromFields();
      children = new AvroColumn[kids.size()];
      for (int i = 0; i < children.length; i++) children[i] = of(kids.get(i), record.getFields().get(i).schema());
    }

    @Override
    void write(Object value, int i) {
      if (value == null) {
        writeNull(i);
        return;
      }
      IndexedRecord r = (IndexedRecord) value;
      vector.setIndexDefined(i);
      for (int c = 0; c < children.length; c++) children[c].write(r.get(c), i);
    }

    @Override
    void writeNull(int i) {
      vector.setNull(i);
      for (AvroColumn c : children) c.writeNull(i);
    }
  }

  static final class UnionColumn extends AvroColumn {
    final StructVector vector;
    final org.apache.avro.Schema union;
    final AvroColumn[] branches; // by union branch index; null for the null branch

    UnionColumn(StructVector vector, org.apache.avro.Schema union) {
      this.vector = vector;
      this.union = union;
      List<FieldVector> kids = vector.getChildrenFromFields();
      branches = new AvroColumn[union.getTypes().size()];
      int k = 0;
      for (int b = 0; b < branches.length; b++) {
        org.apache.avro.Schema bs = union.getTypes().get(b);
        if (bs.getType() != org.apache.avro.Schema.Type.NULL) branches[b] = of(kids.get(k++), bs);
      }
    }

    @Override
    void write(Object value, int i) {
      int taken = value == null ? -1 : org.apache.avro.generic.GenericData.get().resolveUnion(union, value);
      if (taken < 0 || branches[taken] == null) {
        writeNull(i);
        return;
      }
      vector.setIndexDefined(i);
      for (int b = 0; b < branches.length; b++) {
        if (branches[b] == null) continue;
        if (b == taken) branches[b].write(value, i);
        else branches[b].writeNull(i);
      }
    }

    @Override
    void writeNull(int i) {
      vector.setNull(i);
      for (AvroColumn c : branches) if (c != null) c.writeNull(i);
    }
  }

  static final class ListColumn extends AvroColumn {
    final ListVector vector;
    final AvroColumn element;

    ListColumn(ListVector vector, org.apache.avro.Schema array) {
      this.vector = vector;
      this.element = of((FieldVector) vector.getDataVector(), array.getElementType());
    }

    @Override
    void write(Object value, int i) {
      if (value == null) {
        writeNull(i);
        return;
      }
      int start = vector.startNewValue(i);
      int n = 0;
      for (Object e : (Collection<?>) value) element.write(e, start + n++);
      vector.endValue(i, n);
    }

    @Override
    void writeNull(int i) {
      vector.startNewValue(i);
      vector.endValue(i, 0);
      vector.setNull(i);
    }
  }

  static final class MapColumn extends AvroColumn {
    final ListVector vector;
    final StructVector entries;
    final VarCharVector keys;
    final AvroColumn values;

    MapColumn(ListVector vector, org.apache.avro.Schema map) {
      this.vector = vector;
      this.entries = (StructVector) vector.getDataVector();
      this.keys = (VarCharVector) entries.getChildrenFromFields().get(0);
      this.values = of(entries.getChildrenFromFields().get(1), map.getValueType());
    }

    @Override
    void write(Object value, int i) {
      if (value == null) {
        writeNull(i);
        return;
      }
      int start = vector.startNewValue(i);
      int n = 0;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        int k = start + n++;
        entries.setIndexDefined(k);
        byte[] key = e.getKey().toString().getBytes(StandardCharsets.UTF_8);
        keys.setSafe(k, key, 0, key.length);
        values.write(e.getValue(), k);
      }
      vector.endValue(i, n);
    }

    @Override
    void writeNull(int i) {
      vector.startNewValue(i);
      vector.endValue(i, 0);
      vector.setNull(i);
    }
  }
}
