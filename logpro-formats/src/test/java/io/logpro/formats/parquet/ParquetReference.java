package io.logpro.formats.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * The reference: parquet-hadoop's example Group materializer (what GroupReadSupport uses), and
 * normalisers that turn a Group and an Arrow row into the same plain Java values.
 */
public final class ParquetReference {
  private ParquetReference() {}

  record Table(MessageType schema, List<Group> rows) {}

  static Table read(Path file) throws Exception {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file), ParquetReadOptions.builder().build())) {
      MessageType schema = r.getFooter().getFileMetaData().getSchema();
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
      List<Group> rows = new ArrayList<>();
      PageReadStore pages;
      while ((pages = r.readNextRowGroup()) != null) {
        RecordReader<Group> rr = io.getRecordReader(pages, new GroupRecordConverter(schema), FilterCompat.NOOP);
        for (long i = 0; i < pages.getRowCount(); i++) rows.add(rr.read());
      }
      return new Table(schema, rows);
    }
  }

  static Map<String, Object> row(MessageType schema, Group g) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < schema.getFieldCount(); i++) m.put(schema.getFieldName(i), field(g, schema.getType(i), i));
    return m;
  }

  static Object field(Group g, Type t, int i) {
    int n = g.getFieldRepetitionCount(i);
    if (t.isRepetition(Type.Repetition.REPEATED)) {
      List<Object> l = new ArrayList<>();
      for (int k = 0; k < n; k++) l.add(value(g, t, i, k));
      return l;
    }
    return n == 0 ? null : value(g, t, i, 0);
  }

  static Object value(Group g, Type t, int i, int k) {
    if (t.isPrimitive()) return primitive(g, t.asPrimitiveType(), i, k);
    Group sub = g.getGroup(i, k);
    GroupType gt = t.asGroupType();
    LogicalTypeAnnotation a = gt.getLogicalTypeAnnotation();
    boolean listLike = gt.getFieldCount() == 1 && gt.getType(0).isRepetition(Type.Repetition.REPEATED);
    if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && listLike) {
      Type rep = gt.getType(0);
      Type element = ParquetSchemas.listElement(gt);
      List<Object> l = new ArrayList<>();
      for (int j = 0; j < sub.getFieldRepetitionCount(0); j++) {
        if (element == rep) {
          l.add(value(sub, rep, 0, j));
        } else {
          Group inner = sub.getGroup(0, j);
          l.add(field(inner, element, 0));
        }
      }
      return l;
    }
    if ((a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
        && listLike && !gt.getType(0).isPrimitive()) {
      List<Object> l = new ArrayList<>();
      for (int j = 0; j < sub.getFieldRepetitionCount(0); j++) l.add(value(sub, gt.getType(0), 0, j));
      return l;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int c = 0; c < gt.getFieldCount(); c++) m.put(gt.getFieldName(c), field(sub, gt.getType(c), c));
    return m;
  }

  static Object primitive(Group g, PrimitiveType p, int i, int k) {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    long unitMul = 1;
    long unitDiv = 1;
    LogicalTypeAnnotation.TimeUnit unit = a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts ? ts.getUnit()
        : a instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation tm ? tm.getUnit() : null;
    if (unit == LogicalTypeAnnotation.TimeUnit.MILLIS) unitMul = 1000;
    if (unit == LogicalTypeAnnotation.TimeUnit.NANOS) unitDiv = 1000;
    int scale = a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d ? d.getScale() : -1;
    return switch (p.getPrimitiveTypeName()) {
      case BOOLEAN -> g.getBoolean(i, k);
      case INT32 -> {
        int v = g.getInteger(i, k);
        if (scale >= 0) yield BigDecimal.valueOf(v, scale);
        boolean unsigned = a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation il && !il.isSigned() && il.getBitWidth() == 32;
        yield unsigned ? Integer.toUnsignedLong(v) : (long) v * unitMul;
      }
      case INT64 -> {
        long v = g.getLong(i, k);
        if (scale >= 0) yield BigDecimal.valueOf(v, scale);
        yield unitDiv > 1 ? Math.floorDiv(v, unitDiv) : v * unitMul;
      }
      case INT96 -> {
        ByteBuffer bb = g.getInt96(i, k).toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanos = bb.getLong(bb.position());
        long julian = bb.getInt(bb.position() + 8);
        yield (julian - 2_440_588L) * 86_400_000_000L + nanos / 1000;
      }
      case FLOAT -> (double) g.getFloat(i, k);
      case DOUBLE -> g.getDouble(i, k);
      case BINARY, FIXED_LEN_BYTE_ARRAY -> {
        byte[] b = g.getBinary(i, k).getBytes();
        if (scale >= 0) yield new BigDecimal(new BigInteger(b), scale);
        if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
          yield new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (a instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
          yield (double) Float.float16ToFloat(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort());
        }
        yield HexFormat.of().formatHex(b);
      }
    };
  }

  /** Row {@code r} of the Arrow vectors, normalised the same way. */
  public static Map<String, Object> arrowRow(List<FieldVector> vectors, int r) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (FieldVector v : vectors) m.put(v.getName(), arrow(v, r));
    return m;
  }

  public static Object arrow(FieldVector v, int r) {
    if (v.isNull(r)) return null;
    return switch (v) {
      case StructVector s -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (FieldVector c : s.getChildrenFromFields()) m.put(c.getName(), arrow(c, r));
        yield m;
      }
      case ListVector l -> {
        List<Object> out = new ArrayList<>();
        for (int k = l.getElementStartIndex(r); k < l.getElementEndIndex(r); k++) out.add(arrow((FieldVector) l.getDataVector(), k));
        yield out;
      }
      case DateDayVector d -> (long) d.get(r);
      case TimeStampVector t -> t.get(r);
      case TimeMicroVector t -> t.get(r);
      case BaseIntVector n -> n.getValueAsLong(r);
      case BitVector b -> b.get(r) != 0;
      case Float4Vector f -> (double) f.get(r);
      case Float8Vector f -> f.get(r);
      case DecimalVector d -> d.getObject(r);
      case VarCharVector s -> new String(s.get(r), java.nio.charset.StandardCharsets.UTF_8);
      case VarBinaryVector b -> HexFormat.of().formatHex(b.get(r));
      default -> throw new IllegalArgumentException("unexpected vector " + v.getField());
    };
  }
}
