package io.logpro.iceberg;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.types.Types;

/**
 * One row of an Arrow batch seen as an Iceberg {@link StructLike} over the table's top-level
 * columns, in Iceberg's internal representation (micros as Long, days as Integer). Only used to
 * compute partition keys, so it converts just the values a transform asks for.
 */
final class ArrowRow implements StructLike {
  private final List<Types.NestedField> columns;
  private final ValueVector[] vectors;
  private int row;

  ArrowRow(Schema schema, VectorSchemaRoot batch) {
    this.columns = schema.columns();
    this.vectors = new ValueVector[columns.size()];
    for (int i = 0; i < vectors.length; i++) vectors[i] = batch.getVector(columns.get(i).name());
  }

  ArrowRow at(int row) {
    this.row = row;
    return this;
  }

  @Override
  public int size() {
    return vectors.length;
  }

  @Override
  public <T> T get(int pos, Class<T> javaClass) {
    ValueVector v = vectors[pos];
    if (v == null || v.isNull(row)) return null;
    return javaClass.cast(value(columns.get(pos), v, row));
  }

  @Override
  public <T> void set(int pos, T value) {
    throw new UnsupportedOperationException("read-only");
  }

  private static Object value(Types.NestedField f, ValueVector v, int row) {
    return switch (f.type().typeId()) {
      case INTEGER -> (int) ((BaseIntVector) v).getValueAsLong(row);
      case LONG -> ((BaseIntVector) v).getValueAsLong(row);
      case FLOAT -> ((Float4Vector) v).get(row);
      case DOUBLE -> v instanceof Float4Vector f4 ? (double) f4.get(row) : ((Float8Vector) v).get(row);
      case BOOLEAN -> ((BitVector) v).get(row) != 0;
      case STRING -> v.getObject(row).toString();
      case BINARY, FIXED -> ByteBuffer.wrap((byte[]) v.getObject(row));
      case DATE -> v instanceof DateDayVector d ? d.get(row) : (int) Math.floorDiv(((DateMilliVector) v).get(row), 86_400_000L);
      case TIME, TIMESTAMP -> micros(v, row);
      case DECIMAL -> ((DecimalVector) v).getObject(row);
      default -> throw new IllegalArgumentException("cannot partition by column '" + f.name() + "' of type " + f.type());
    };
  }

  static long micros(ValueVector v, int row) {
    return switch (v) {
      case TimeStampVector ts -> {
        long raw = ts.getDataBuffer().getLong(row * 8L);
        yield switch (((ArrowType.Timestamp) ts.getField().getType()).getUnit()) {
          case SECOND -> raw * 1_000_000L;
          case MILLISECOND -> raw * 1000L;
          case MICROSECOND -> raw;
          case NANOSECOND -> Math.floorDiv(raw, 1000L);
        };
      }
      case TimeMicroVector t -> t.get(row);
      case TimeMilliVector t -> t.get(row) * 1000L;
      case TimeSecVector t -> t.get(row) * 1_000_000L;
      case TimeNanoVector t -> Math.floorDiv(t.get(row), 1000L);
      default -> throw new IllegalArgumentException("not a time vector: " + v.getField());
    };
  }
}
