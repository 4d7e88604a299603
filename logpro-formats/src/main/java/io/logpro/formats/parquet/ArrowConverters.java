package io.logpro.formats.parquet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
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
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet record-assembly converters that write straight into Arrow vectors. The tree mirrors
 * the schema; each value goes to its parent's current index (the row, a struct's index, or a
 * list's next element slot). Parquet calls nothing for a null, so every group tracks which
 * children it saw and writes nulls for the rest when it ends.
 */
final class ArrowConverters {
  private ArrowConverters() {}

  /** Where a child writes, and how it reports a value. */
  interface Parent {
    int index();

    /** Called after child {@code slot} wrote a value at {@link #index()}. */
    void wrote(int slot);
  }

  /** One schema field: its converter, its vector binding and its null handling. */
  interface Node {
    Converter converter();

    void bind(FieldVector v);

    void writeNull(int idx);

    /** At the parent's end: fill in what Parquet did not send. */
    default void finish(int idx, boolean seen) {
      if (!seen) writeNull(idx);
    }
  }

  static Node node(Type t, Parent parent, int slot) {
    if (t.isRepetition(Type.Repetition.REPEATED)) return new ImplicitList(t, parent, slot);
    return nonRepeated(t, parent, slot);
  }

  static Node nonRepeated(Type t, Parent parent, int slot) {
    if (t.isPrimitive()) return leaf(t.asPrimitiveType(), parent, slot);
    GroupType g = t.asGroupType();
    LogicalTypeAnnotation a = g.getLogicalTypeAnnotation();
    if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && g.getFieldCount() == 1
        && g.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      return new ListNode(g, ParquetSchemas.listElement(g), parent, slot);
    }
    if ((a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
        && g.getFieldCount() == 1 && !g.getType(0).isPrimitive() && g.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      return new ListNode(g, g.getType(0), parent, slot);
    }
    return new StructNode(g, parent, slot);
  }

  /** The converter of a whole record: writes row {@code row} of the bound root. */
  static final class Root extends GroupConverter implements Parent {
    final Node[] children;
    final boolean[] seen;
    int row;

    Root(MessageType schema) {
      children = new Node[schema.getFieldCount()];
      for (int i = 0; i < children.length; i++) children[i] = node(schema.getType(i), this, i);
      seen = new boolean[children.length];
    }

    void bind(VectorSchemaRoot root) {
      List<FieldVector> vs = root.getFieldVectors();
      for (int i = 0; i < children.length; i++) children[i].bind(vs.get(i));
      row = 0;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex].converter();
    }

    @Override
    public void start() {
      java.util.Arrays.fill(seen, false);
    }

    @Override
    public void end() {
      for (int i = 0; i < children.length; i++) children[i].finish(row, seen[i]);
      row++;
    }

    @Override
    public int index() {
      return row;
    }

    @Override
    public void wrote(int slot) {
      seen[slot] = true;
    }
  }

  static final class StructNode extends GroupConverter implements Node, Parent {
    final Parent parent;
    final int slot;
    final Node[] children;
    final boolean[] seen;
    StructVector vector;
    int idx;

    StructNode(GroupType g, Parent parent, int slot) {
      this.parent = parent;
      this.slot = slot;
      children = new Node[g.getFieldCount()];
      for (int i = 0; i < children.length; i++) children[i] = node(g.getType(i), this, i);
      seen = new boolean[children.length];
    }

    @Override
    public Converter converter() {
      return this;
    }

    @Override
    public void bind(FieldVector v) {
      vector = (StructVector) v;
      List<FieldVector> kids = vector.getChildrenFromFields();
      for (int i = 0; i < children.length; i++) children[i].bind(kids.get(i));
    }

    @Override
    public void writeNull(int i) {
      vector.setNull(i);
      for (Node c : children) c.writeNull(i);
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex].converter();
    }

    @Override
    public void start() {
      idx = parent.index();
      java.util.Arrays.fill(seen, false);
    }

    @Override
    public void end() {
      vector.setIndexDefined(idx);
      for (int i = 0; i < children.length; i++) children[i].finish(idx, seen[i]);
      parent.wrote(slot);
    }

    @Override
    public int index() {
      return idx;
    }

    @Override
    public void wrote(int s) {
      seen[s] = true;
    }
  }

  /** A LIST or MAP group: its repeated child's values are the list's elements. */
  static final class ListNode extends GroupConverter implements Node, Parent {
    final Parent parent;
    final int slot;
    final Converter repeated;
    final Node element;
    ListVector vector;
    int base;
    int count;
    int listIdx;
    boolean elementSeen;

    ListNode(GroupType list, Type elementType, Parent parent, int slot) {
      this.parent = parent;
      this.slot = slot;
      Type rep = list.getType(0);
      if (elementType == rep) {
        // 2-level: each repeated value is an element.
        element = nonRepeated(rep, this, 0);
        repeated = element.converter();
      } else {
        // 3-level: the repeated group wraps one (possibly null) element.
        ListNode self = this;
        element = node(elementType, new Parent() {
          public int index() {
            return base + count;
          }

          public void wrote(int s) {
            elementSeen = true;
          }
        }, 0);
        repeated = new GroupConverter() {
          public Converter getConverter(int fieldIndex) {
            return element.converter();
          }

          public void start() {
            elementSeen = false;
          }

          public void end() {
            if (!elementSeen) element.writeNull(base + count);
            self.count++;
          }
        };
      }
    }

    @Override
    public Converter converter() {
      return this;
    }

    @Override
    public void bind(FieldVector v) {
      vector = (ListVector) v;
      element.bind((FieldVector) vector.getDataVector());
    }

    @Override
    public void writeNull(int i) {
      vector.startNewValue(i);
      vector.endValue(i, 0);
      vector.setNull(i);
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return repeated;
    }

    @Override
    public void start() {
      listIdx = parent.index();
      base = vector.startNewValue(listIdx);
      count = 0;
    }

    @Override
    public void end() {
      vector.endValue(listIdx, count);
      parent.wrote(slot);
    }

    /** For 2-level elements. */
    @Override
    public int index() {
      return base + count;
    }

    @Override
    public void wrote(int s) {
      count++;
    }
  }

  /** A repeated field outside a LIST group: a non-null list, empty when no value came. */
  static final class ImplicitList implements Node, Parent {
    final Parent parent;
    final Node element;
    ListVector vector;
    boolean started;
    int base;
    int count;
    int listIdx;

    ImplicitList(Type t, Parent parent, int slot) {
      this.parent = parent;
      this.element = nonRepeated(t, this, 0);
    }

    @Override
    public Converter converter() {
      return element.converter();
    }

    @Override
    public void bind(FieldVector v) {
      vector = (ListVector) v;
      element.bind((FieldVector) vector.getDataVector());
      started = false;
    }

    @Override
    public void writeNull(int i) {
      vector.startNewValue(i);
      vector.endValue(i, 0);
      started = false;
    }

    @Override
    public void finish(int idx, boolean seen) {
      if (started) vector.endValue(listIdx, count);
      else writeNull(idx);
      started = false;
    }

    @Override
    public int index() {
      if (!started) {
        listIdx = parent.index();
        base = vector.startNewValue(listIdx);
        count = 0;
        started = true;
      }
      return base + count;
    }

    @Override
    public void wrote(int s) {
      count++;
    }
  }

  static Node leaf(PrimitiveType p, Parent parent, int slot) {
    return new Leaf(p, parent, slot);
  }

  /** A primitive column value; converts units (timestamps to microseconds) on the way. */
  static final class Leaf extends PrimitiveConverter implements Node {
    private static final byte[] EMPTY = new byte[0];
    final Parent parent;
    final int slot;
    final PrimitiveType type;
    final long timeFactor; // multiply (>0) or divide (<0) to reach microseconds
    final boolean unsigned32;
    final boolean float16;
    FieldVector vector;

    Leaf(PrimitiveType p, Parent parent, int slot) {
      this.parent = parent;
      this.slot = slot;
      this.type = p;
      LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
      LogicalTypeAnnotation.TimeUnit unit = null;
      if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) unit = ts.getUnit();
      if (a instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation tm) unit = tm.getUnit();
      timeFactor = unit == null ? 1 : switch (unit) {
        case MILLIS -> 1000;
        case MICROS -> 1;
        case NANOS -> -1000;
      };
      unsigned32 = a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.getBitWidth() == 32 && !i.isSigned();
      float16 = a instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation;
    }

    @Override
    public Converter converter() {
      return this;
    }

    @Override
    public void bind(FieldVector v) {
      vector = v;
    }

    @Override
    public void writeNull(int i) {
      if (vector instanceof VarCharVector s) s.setSafe(i, EMPTY, 0, 0);
      else if (vector instanceof VarBinaryVector b) b.setSafe(i, EMPTY, 0, 0);
      vector.setNull(i);
    }

    private long micros(long v) {
      return timeFactor > 0 ? v * timeFactor : Math.floorDiv(v, -timeFactor);
    }

    @Override
    public void addBoolean(boolean value) {
      ((BitVector) vector).setSafe(parent.index(), value ? 1 : 0);
      parent.wrote(slot);
    }

    @Override
    public void addInt(int value) {
      int i = parent.index();
      switch (vector) {
        case IntVector v -> v.setSafe(i, value);
        case BigIntVector v -> v.setSafe(i, unsigned32 ? Integer.toUnsignedLong(value) : value);
        case DateDayVector v -> v.setSafe(i, value);
        case TimeMicroVector v -> v.setSafe(i, micros(value));
        case DecimalVector v -> v.setSafe(i, value);
        default -> throw new IllegalStateException("INT32 into " + vector.getField());
      }
      parent.wrote(slot);
    }

    @Override
    public void addLong(long value) {
      int i = parent.index();
      switch (vector) {
        case BigIntVector v -> v.setSafe(i, value);
        case TimeStampVector v -> v.setSafe(i, micros(value));
        case TimeMicroVector v -> v.setSafe(i, micros(value));
        case DecimalVector v -> v.setSafe(i, value);
        default -> throw new IllegalStateException("INT64 into " + vector.getField());
      }
      parent.wrote(slot);
    }

    @Override
    public void addFloat(float value) {
      ((Float4Vector) vector).setSafe(parent.index(), value);
      parent.wrote(slot);
    }

    @Override
    public void addDouble(double value) {
      ((Float8Vector) vector).setSafe(parent.index(), value);
      parent.wrote(slot);
    }

    @Override
    public void addBinary(Binary value) {
      int i = parent.index();
      switch (vector) {
        case VarCharVector v -> {
          byte[] b = value.getBytesUnsafe();
          v.setSafe(i, b, 0, b.length);
        }
        case VarBinaryVector v -> {
          byte[] b = value.getBytesUnsafe();
          v.setSafe(i, b, 0, b.length);
        }
        case DecimalVector v -> v.setBigEndianSafe(i, value.getBytesUnsafe());
        case TimeStampVector v -> { // INT96: nanoseconds of the day, then the Julian day, little-endian
          ByteBuffer bb = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
          long nanos = bb.getLong(bb.position());
          long julian = bb.getInt(bb.position() + 8);
          v.setSafe(i, (julian - 2_440_588L) * 86_400_000_000L + nanos / 1000);
        }
        case Float4Vector v when float16 -> {
          ByteBuffer bb = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
          v.setSafe(i, Float.float16ToFloat(bb.getShort(bb.position())));
        }
        default -> throw new IllegalStateException("BINARY into " + vector.getField());
      }
      parent.wrote(slot);
    }
  }
}
