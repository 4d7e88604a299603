package io.logpro.iceberg.parquet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;

/**
 * Writers bound to Arrow vectors: every value goes from the vector's
 * buffers straight into Parquet's column writers, by row index, with no per-row objects.
 * Columns are matched by name against the Iceberg schema (whose field ids the Parquet schema
 * carries); table columns the batch lacks are written as nulls.
 */
final class VectorWriters {
  private VectorWriters() {}

  /**
   * The root writer of one file: rebind it to each batch before appending that batch's rows.
   * Rows are written a column at a time ({@link #writeColumns}): flat columns run a tight loop
   * over the vector's memory into one Parquet column writer, which keeps that column's dictionary
   * hot in cache; nested columns walk their rows through the node tree.
   */
  static final class Root {
    private final Schema schema;
    private final MessageType message;
    private ColumnWriteStore store;
    private Node[] columns = new Node[0];
    private VectorSchemaRoot bound;
    private org.apache.arrow.vector.types.pojo.Schema boundSchema;

    Root(Schema schema, MessageType message) {
      this.schema = schema;
      this.message = message;
    }

    /** Points the writers at {@code batch}'s vectors (rebuilt only when the batch or its schema changes). */
    void bind(VectorSchemaRoot batch) {
      if (batch == bound && batch.getSchema().equals(boundSchema)) return;
      Set<String> unknown = new LinkedHashSet<>();
      for (FieldVector v : batch.getFieldVectors()) {
        if (schema.findField(v.getName()) == null) unknown.add(v.getName());
      }
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException("batch columns " + unknown + " are not in the table schema " + columnNames(schema.columns()));
      }
      List<org.apache.parquet.schema.Type> fields = message.getFields();
      Node[] nodes = new Node[fields.size()];
      for (int i = 0; i < nodes.length; i++) {
        org.apache.parquet.schema.Type pt = fields.get(i);
        Types.NestedField f = schema.findField(pt.getId().intValue());
        nodes[i] = build(message, pt, new String[] {pt.getName()}, f, batch.getVector(f.name()));
      }
      if (store != null) for (Node n : nodes) n.setColumnStore(store);
      this.columns = nodes;
      this.bound = batch;
      this.boundSchema = batch.getSchema();
    }

    /**
     * Writes rows {@code rows[from..to)} of the bound batch, column after column. Buffer
     * addresses and null presence are read once per call: a batch's buffers may be refilled or
     * reallocated between calls.
     */
    void writeColumns(int[] rows, int from, int to) {
      for (Node n : columns) {
        n.prepare();
        n.writeColumn(rows, from, to);
      }
    }

    void setColumnStore(ColumnWriteStore columnStore) {
      this.store = columnStore;
      for (Node n : columns) n.setColumnStore(columnStore);
    }
  }

  private static List<String> columnNames(List<Types.NestedField> fields) {
    return fields.stream().map(Types.NestedField::name).toList();
  }

  private static String[] child(String[] path, String name) {
    String[] p = Arrays.copyOf(path, path.length + 1);
    p[path.length] = name;
    return p;
  }

  private static Node build(MessageType msg, org.apache.parquet.schema.Type pt, String[] path, Types.NestedField field, ValueVector vector) {
    int dl = msg.getMaxDefinitionLevel(path);
    boolean optional = field.isOptional();
    String name = String.join(".", path);
    if (vector == null) {
      if (!optional) throw new IllegalArgumentException("required table column '" + name + "' is missing from the batch");
      List<ColumnDescriptor> leaves = new ArrayList<>();
      for (ColumnDescriptor d : msg.getColumns()) {
        if (d.getPath().length >= path.length && Arrays.equals(Arrays.copyOf(d.getPath(), path.length), path)) leaves.add(d);
      }
      return new Absent(leaves, dl - 1);
    }
    Type type = field.type();
    if (type.isStructType()) {
      if (!(vector instanceof StructVector sv)) throw mismatch(name, type, vector);
      GroupType group = pt.asGroupType();
      Set<String> unknown = new LinkedHashSet<>();
      for (String childName : sv.getChildFieldNames()) {
        if (type.asStructType().field(childName) == null) unknown.add(childName);
      }
      if (!unknown.isEmpty()) throw new IllegalArgumentException("batch fields " + unknown + " of '" + name + "' are not in the table schema");
      List<Node> children = new ArrayList<>();
      for (org.apache.parquet.schema.Type c : group.getFields()) {
        Types.NestedField cf = type.asStructType().field(c.getId().intValue());
        children.add(build(msg, c, child(path, c.getName()), cf, sv.getChild(cf.name())));
      }
      return new StructNode(sv, optional, dl, children.toArray(Node[]::new));
    }
    if (type.isListType()) {
      GroupType repeated = pt.asGroupType().getType(0).asGroupType();
      org.apache.parquet.schema.Type et = repeated.getType(0);
      String[] ep = child(child(path, repeated.getName()), et.getName());
      int rep = msg.getMaxRepetitionLevel(child(path, repeated.getName()));
      Types.NestedField ef = type.asListType().fields().get(0);
      if (vector instanceof MapVector || !(vector instanceof ListVector || vector instanceof LargeListVector)) throw mismatch(name, type, vector);
      ValueVector data = vector instanceof ListVector lv ? lv.getDataVector() : ((LargeListVector) vector).getDataVector();
      Node element = build(msg, et, ep, ef, data);
      return new RepeatedNode(vector, optional, dl, rep, element);
    }
    if (type.isMapType()) {
      if (!(vector instanceof MapVector mv)) throw mismatch(name, type, vector);
      GroupType repeated = pt.asGroupType().getType(0).asGroupType();
      String[] kvPath = child(path, repeated.getName());
      int rep = msg.getMaxRepetitionLevel(kvPath);
      StructVector entries = (StructVector) mv.getDataVector();
      Types.NestedField kf = type.asMapType().fields().get(0);
      Types.NestedField vf = type.asMapType().fields().get(1);
      Node key = build(msg, repeated.getType(0), child(kvPath, repeated.getType(0).getName()), kf, entries.getChildByOrdinal(0));
      Node value = build(msg, repeated.getType(1), child(kvPath, repeated.getType(1).getName()), vf, entries.getChildByOrdinal(1));
      Node entry = new StructNode(entries, false, msg.getMaxDefinitionLevel(kvPath), new Node[] {key, value});
      return new RepeatedNode(vector, optional, dl, rep, entry);
    }
    ColumnDescriptor desc = msg.getColumnDescription(path);
    Leaf leaf = leaf(name, type, vector);
    leaf.init(desc, optional, dl, vector, name);
    return leaf;
  }

  private static IllegalArgumentException mismatch(String name, Type type, ValueVector v) {
    return new IllegalArgumentException("column '" + name + "': cannot write Arrow " + v.getField().getType() + " to Iceberg " + type);
  }

  private static Leaf leaf(String name, Type type, ValueVector v) {
    Leaf leaf = switch (type.typeId()) {
      case INTEGER -> switch (v) {
        case IntVector x -> new Int32();
        case BaseIntVector x when !(x instanceof BigIntVector) -> new IntAsLong32();
        default -> null;
      };
      case LONG -> switch (v) {
        case BigIntVector x -> new Int64();
        case BaseIntVector x -> new IntAsLong64();
        default -> null;
      };
      case FLOAT -> v instanceof Float4Vector ? new Float32() : null;
      case DOUBLE -> switch (v) {
        case Float8Vector x -> new Float64();
        case Float4Vector x -> new Float32AsDouble();
        default -> null;
      };
      case BOOLEAN -> v instanceof BitVector ? new Bool() : null;
      case STRING, BINARY -> switch (v) {
        case BaseVariableWidthVector x -> new VarBytes();
        case BaseLargeVariableWidthVector x -> new LargeVarBytes();
        default -> null;
      };
      case FIXED -> v instanceof FixedSizeBinaryVector f && f.getByteWidth() == ((Types.FixedType) type).length() ? new FixedBytes() : null;
      case DATE -> switch (v) {
        case DateDayVector x -> new Int32();
        case DateMilliVector x -> new DateFromMillis();
        default -> null;
      };
      case TIME -> switch (v) {
        case TimeMicroVector x -> new Int64();
        case TimeMilliVector x -> new ScaledInt32(1000);
        case TimeSecVector x -> new ScaledInt32(1_000_000);
        case TimeNanoVector x -> new DividedInt64(1000);
        default -> null;
      };
      case TIMESTAMP -> v instanceof TimeStampVector ts ? timestamp((ArrowType.Timestamp) ts.getField().getType()) : null;
      case DECIMAL -> {
        if (!(v instanceof DecimalVector d)) yield null;
        Types.DecimalType dt = (Types.DecimalType) type;
        if (d.getScale() != dt.scale() || d.getPrecision() > dt.precision()) yield null;
        if (dt.precision() <= 9) yield new DecimalInt32();
        if (dt.precision() <= 18) yield new DecimalInt64();
        yield new DecimalFixed(org.apache.iceberg.types.TypeUtil.decimalRequiredBytes(dt.precision()));
      }
      default -> null;
    };
    if (leaf == null) throw mismatch(name, type, v);
    return leaf;
  }

  private static Leaf timestamp(ArrowType.Timestamp t) {
    return switch (t.getUnit()) {
      case MICROSECOND -> new Int64();
      case MILLISECOND -> new ScaledInt64(1000);
      case SECOND -> new ScaledInt64(1_000_000);
      case NANOSECOND -> new DividedInt64(1000);
    };
  }

  /** A writer for one field and everything under it. */
  abstract static class Node {
    /** Writes the value at {@code idx} of this node's vector. */
    abstract void write(int rl, int idx);

    /** Writes a null at definition level {@code dl} to every leaf column under this node. */
    abstract void writeNull(int rl, int dl);

    abstract void setColumnStore(ColumnWriteStore store);

    /** Reads buffer addresses before a {@link #writeColumn}; only flat leaves need them. */
    void prepare() {}

    /** Writes the top-level values at {@code rows[from..to)}; row by row unless a leaf knows better. */
    void writeColumn(int[] rows, int from, int to) {
      for (int i = from; i < to; i++) write(0, rows[i]);
    }
  }

  /** A table column the batch does not have: always null. */
  static final class Absent extends Node {
    private final ColumnDescriptor[] leaves;
    private final ColumnWriter[] writers;
    private final int nullDl;

    Absent(List<ColumnDescriptor> leaves, int nullDl) {
      this.leaves = leaves.toArray(ColumnDescriptor[]::new);
      this.writers = new ColumnWriter[this.leaves.length];
      this.nullDl = nullDl;
    }

    @Override
    void write(int rl, int idx) {
      writeNull(rl, nullDl);
    }

    @Override
    void writeNull(int rl, int dl) {
      for (ColumnWriter w : writers) w.writeNull(rl, dl);
    }

    @Override
    void setColumnStore(ColumnWriteStore store) {
      for (int i = 0; i < leaves.length; i++) writers[i] = store.getColumnWriter(leaves[i]);
    }
  }

  static final class StructNode extends Node {
    private final StructVector vector;
    private final boolean optional;
    private final int nullDl;
    private final Node[] children;

    StructNode(StructVector vector, boolean optional, int dl, Node[] children) {
      this.vector = vector;
      this.optional = optional;
      this.nullDl = dl - 1;
      this.children = children;
    }

    @Override
    void write(int rl, int idx) {
      if (optional && vector.isNull(idx)) {
        for (Node c : children) c.writeNull(rl, nullDl);
      } else {
        for (Node c : children) c.write(rl, idx);
      }
    }

    @Override
    void writeNull(int rl, int dl) {
      for (Node c : children) c.writeNull(rl, dl);
    }

    @Override
    void setColumnStore(ColumnWriteStore store) {
      for (Node c : children) c.setColumnStore(store);
    }
  }

  /** A list or map: a null, an empty one, or its elements with the repetition level of the repeated group. */
  static final class RepeatedNode extends Node {
    private final ValueVector vector;
    private final boolean large;
    private final boolean optional;
    private final int nullDl;
    private final int emptyDl;
    private final int rep;
    private final Node element;

    RepeatedNode(ValueVector vector, boolean optional, int dl, int rep, Node element) {
      this.vector = vector;
      this.large = vector instanceof LargeListVector;
      this.optional = optional;
      this.emptyDl = dl;
      this.nullDl = dl - 1;
      this.rep = rep;
      this.element = element;
    }

    @Override
    void write(int rl, int idx) {
      if (vector.isNull(idx)) {
        if (!optional) throw new IllegalArgumentException("null in required column " + vector.getName());
        element.writeNull(rl, nullDl);
        return;
      }
      ArrowBuf offsets = vector.getOffsetBuffer();
      long start = large ? offsets.getLong(idx * 8L) : offsets.getInt(idx * 4L);
      long end = large ? offsets.getLong(idx * 8L + 8) : offsets.getInt(idx * 4L + 4);
      if (start == end) {
        element.writeNull(rl, emptyDl);
        return;
      }
      element.write(rl, (int) start);
      for (long i = start + 1; i < end; i++) element.write(rep, (int) i);
    }

    @Override
    void writeNull(int rl, int dl) {
      element.writeNull(rl, dl);
    }

    @Override
    void setColumnStore(ColumnWriteStore store) {
      element.setColumnStore(store);
    }
  }

  /**
   * One Parquet column fed from one Arrow vector. As a top-level column it is written a column
   * at a time: {@link #column} loops straight over the vector's memory (addresses read by
   * {@link #prepare}, validity skipped when the vector has no nulls), without ArrowBuf's
   * per-access bounds and reference-count checks.
   */
  abstract static class Leaf extends Node {
    ColumnDescriptor desc;
    ColumnWriter cw;
    ValueVector vector;
    String name;
    boolean optional;
    int dl;
    int nullDl;
    /** Address of the validity bits, or 0 when the vector holds no nulls (set by {@link #prepare}). */
    long validity;
    /** Address of the values (set by {@link #prepare}). */
    long data;

    final void init(ColumnDescriptor desc, boolean optional, int dl, ValueVector vector, String name) {
      this.desc = desc;
      this.optional = optional;
      this.dl = dl;
      this.nullDl = dl - 1;
      this.vector = vector;
      this.name = name;
    }

    @Override
    final void write(int rl, int idx) {
      if (vector.isNull(idx)) {
        if (!optional) throw new IllegalArgumentException("null in required column '" + name + "'");
        cw.writeNull(rl, nullDl);
      } else {
        value(rl, idx);
      }
    }

    abstract void value(int rl, int idx);

    @Override
    final void writeNull(int rl, int d) {
      cw.writeNull(rl, d);
    }

    @Override
    final void setColumnStore(ColumnWriteStore store) {
      this.cw = store.getColumnWriter(desc);
    }

    @Override
    final void prepare() {
      FieldVector v = (FieldVector) vector;
      this.validity = v.getNullCount() == 0 ? 0 : v.getValidityBufferAddress();
      this.data = v.getDataBufferAddress();
    }

    @Override
    final void writeColumn(int[] rows, int from, int to) {
      column(rows, from, to);
    }

    /** The values at {@code rows[from..to)}; leaves of common types override it with a loop over memory. */
    void column(int[] rows, int from, int to) {
      for (int i = from; i < to; i++) {
        int r = rows[i];
        if (isSet(r)) value(0, r);
        else writeNullAt();
      }
    }

    final boolean isSet(int row) {
      return validity == 0 || ((MemoryUtil.getByte(validity + (row >>> 3)) >>> (row & 7)) & 1) != 0;
    }

    final void writeNullAt() {
      if (!optional) throw new IllegalArgumentException("null in required column '" + name + "'");
      cw.writeNull(0, nullDl);
    }

    final ArrowBuf data() {
      return vector.getDataBuffer();
    }
  }

  static final class Int32 extends Leaf {
    @Override
    void value(int rl, int idx) {
      cw.write(data().getInt(idx * 4L), rl, dl);
    }

    @Override
    void column(int[] rows, int from, int to) {
      for (int i = from; i < to; i++) {
        int r = rows[i];
        if (isSet(r)) cw.write(MemoryUtil.getInt(data + r * 4L), 0, dl);
        else writeNullAt();
      }
    }
  }

  static final class Int64 extends Leaf {
    @Override
    void value(int rl, int idx) {
      cw.write(data().getLong(idx * 8L), rl, dl);
    }

    @Override
    void column(int[] rows, int from, int to) {
      for (int i = from; i < to; i++) {
        int r = rows[i];
        if (isSet(r)) cw.write(MemoryUtil.getLong(data + r * 8L), 0, dl);
        else writeNullAt();
      }
    }
  }

  static final class IntAsLong32 extends Leaf {
    @Override
    void value(int rl, int idx) {
      cw.write((int) ((BaseIntVector) vector).getValueAsLong(idx), rl, dl);
    }
  }

  static final class IntAsLong64 extends Leaf {
    @Override
    void value(int rl, int idx) {
      cw.write(((BaseIntVector) vector).getValueAsLong(idx), rl, dl);
    }
  }

  static final class ScaledInt32 extends Leaf {
    private final long factor;

    ScaledInt32(long factor) {
      this.factor = factor;
    }

    @Override
    void value(int rl, int idx) {
      cw.write(data().getInt(idx * 4L) * factor, rl, dl);
    }

    @Override
    void column(int[] rows, int from, int to) {
      for (int i = from; i < to; i++) {
        int r = rows[i];
        if (isSet(r)) cw.write(MemoryUtil.getInt(data + r * 4L) * factor, 0, dl);
        else writeNullAt();
      }
    }
  }

  static final class ScaledInt64 extends Leaf {
    private final long factor;

    ScaledInt64(long factor) {
      this.factor = factor;
    }

    @Override
    void value(int rl, int idx) {
      cw.write(data().getLong(idx * 8L) * factor, rl, dl);
    }

    @Override
    void column(int[] rows, int from, int to) {
      for (int i = from; i < to; i++) {
        int r = rows[i];
        if (isSet(r)) cw.write(MemoryUtil.getLong(data + r * 8L) * factor, 0, dl);
        else writeNullAt();
      }
    }
  }

  static final class DividedInt64 extends Leaf {
    private final long divisor;

    DividedInt64(long divisor) {
      this.divisor = divisor;
    }

    @Override
    void value(int rl, int idx) {
      cw.write(Math.floorDiv(data().getLong(idx * 8L), divisor), rl, dl);
    }

    @Override
    void column(int[] rows, int from, int to) {
      for (int i = from; i < to; i++) {
        int r = rows[i];
        if (isSet(r)) cw.write(Math.floorDiv(MemoryUtil.getLong(data + r * 8L), divisor), 0, dl);
        else writeNullAt();
      }
    }
  }

  static final class DateFromMillis extends Leaf {
    @Override
    void value(int rl, int idx) {
      cw.write((int) Math.floorDiv(data().getLong(idx * 8L), 86_400_000L), rl, dl);
    }

    @Override
    void column(int[] rows, int from, int to) {
      for (int i = from; i < to; i++) {
        int r = rows[i];
        if (isSet(r)) cw.write((int) Math.floorDiv(MemoryUtil.getLong(data + r * 8L), 86_400_000L), 0, dl);
        else writeNullAt();
      }
    }
  }

  static final class Float32 extends Leaf {
    @Override
    void value(int rl, int idx) {
      cw.write(data().getFloat(idx * 4L), rl, dl);
    }

    @Override
    void column(int[] rows, int from, int to) {
      for (int i = from; i < to; i++) {
        int r = rows[i];
        if (isSet(r)) cw.write(Float.intBitsToFloat(MemoryUtil.getInt(data + r * 4L)), 0, dl);
        else writeNullAt();
      }
    }
  }

  static final class Float32AsDouble extends Leaf {
    @Override
    void value(int rl, int idx) {
      cw.write((double) data().getFloat(idx * 4L), rl, dl);
    }

    @Override
    void column(int[] rows, int from, int to) {
      for (int i = from; i < to; i++) {
        int r = rows[i];
        if (isSet(r)) cw.write((double) Float.intBitsToFloat(MemoryUtil.getInt(data + r * 4L)), 0, dl);
        else writeNullAt();
      }
    }
  }

  static final class Float64 extends Leaf {
    @Override
    void value(int rl, int idx) {
      cw.write(data().getDouble(idx * 8L), rl, dl);
    }

    @Override
    void column(int[] rows, int from, int to) {
      for (int i = from; i < to; i++) {
        int r = rows[i];
        if (isSet(r)) cw.write(Double.longBitsToDouble(MemoryUtil.getLong(data + r * 8L)), 0, dl);
        else writeNullAt();
      }
    }
  }

  static final class Bool extends Leaf {
    @Override
    void value(int rl, int idx) {
      cw.write(((BitVector) vector).get(idx) != 0, rl, dl);
    }

    @Override
    void column(int[] rows, int from, int to) {
      for (int i = from; i < to; i++) {
        int r = rows[i];
        if (isSet(r)) cw.write(((MemoryUtil.getByte(data + (r >>> 3)) >>> (r & 7)) & 1) != 0, 0, dl);
        else writeNullAt();
      }
    }
  }

  /** Bytes are copied into a reused array: Parquet copies what it keeps (dictionary, min/max). */
  abstract static class Bytes extends Leaf {
    byte[] scratch = new byte[64];

    final void emit(int rl, ArrowBuf buf, long start, int len) {
      if (len > scratch.length) scratch = new byte[Math.max(len, scratch.length * 2)];
      buf.getBytes(start, scratch, 0, len);
      cw.write(Binary.fromReusedByteArray(scratch, 0, len), rl, dl);
    }
  }

  static final class VarBytes extends Bytes {
    @Override
    void value(int rl, int idx) {
      ArrowBuf offsets = vector.getOffsetBuffer();
      int start = offsets.getInt(idx * 4L);
      emit(rl, data(), start, offsets.getInt(idx * 4L + 4) - start);
    }

    @Override
    void column(int[] rows, int from, int to) {
      long offsets = ((FieldVector) vector).getOffsetBufferAddress();
      for (int i = from; i < to; i++) {
        int r = rows[i];
        if (isSet(r)) {
          int start = MemoryUtil.getInt(offsets + r * 4L);
          int len = MemoryUtil.getInt(offsets + r * 4L + 4) - start;
          if (len > scratch.length) scratch = new byte[Math.max(len, scratch.length * 2)];
          MemoryUtil.copyFromMemory(data + start, scratch, 0, len);
          cw.write(Binary.fromReusedByteArray(scratch, 0, len), 0, dl);
        } else {
          writeNullAt();
        }
      }
    }
  }

  static final class LargeVarBytes extends Bytes {
    @Override
    void value(int rl, int idx) {
      ArrowBuf offsets = vector.getOffsetBuffer();
      long start = offsets.getLong(idx * 8L);
      emit(rl, data(), start, (int) (offsets.getLong(idx * 8L + 8) - start));
    }
  }

  static final class FixedBytes extends Bytes {
    @Override
    void value(int rl, int idx) {
      int w = ((BaseFixedWidthVector) vector).getTypeWidth();
      emit(rl, data(), (long) idx * w, w);
    }
  }

  /** Arrow decimals are 16-byte little-endian two's complement; the low 8 bytes hold any value of precision <= 18. */
  static final class DecimalInt32 extends Leaf {
    @Override
    void value(int rl, int idx) {
      cw.write((int) data().getLong(idx * 16L), rl, dl);
    }

    @Override
    void column(int[] rows, int from, int to) {
      for (int i = from; i < to; i++) {
        int r = rows[i];
        if (isSet(r)) cw.write((int) MemoryUtil.getLong(data + r * 16L), 0, dl);
        else writeNullAt();
      }
    }
  }

  static final class DecimalInt64 extends Leaf {
    @Override
    void value(int rl, int idx) {
      cw.write(data().getLong(idx * 16L), rl, dl);
    }

    @Override
    void column(int[] rows, int from, int to) {
      for (int i = from; i < to; i++) {
        int r = rows[i];
        if (isSet(r)) cw.write(MemoryUtil.getLong(data + r * 16L), 0, dl);
        else writeNullAt();
      }
    }
  }

  /** Big-endian, {@code width} bytes: the low end of the 16 little-endian bytes, reversed. */
  static final class DecimalFixed extends Leaf {
    private final int width;
    private final byte[] le = new byte[16];
    private final byte[] be;

    DecimalFixed(int width) {
      this.width = width;
      this.be = new byte[width];
    }

    @Override
    void value(int rl, int idx) {
      data().getBytes(idx * 16L, le, 0, 16);
      for (int i = 0; i < width; i++) be[i] = le[width - 1 - i];
      cw.write(Binary.fromReusedByteArray(be, 0, width), rl, dl);
    }
  }

}
