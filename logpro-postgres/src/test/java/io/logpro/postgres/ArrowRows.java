package io.logpro.postgres;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Builds Arrow batches from plain Java rows for the tests (one object per value: test code, not the hot path). */
final class ArrowRows {
  private ArrowRows() {}

  static Field field(String name, ArrowType type) {
    return new Field(name, FieldType.nullable(type), null);
  }

  static Field field(String name, ArrowType type, Map<String, String> metadata) {
    return new Field(name, new FieldType(true, type, null, metadata), null);
  }

  static Field key(String name, ArrowType type) {
    return field(name, type, Map.of("logpro.key", "true"));
  }

  static Field list(String name, Field element) {
    return new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(element));
  }

  static Field list(String name, Field element, Map<String, String> metadata) {
    return new Field(name, new FieldType(true, ArrowType.List.INSTANCE, null, metadata), List.of(element));
  }

  static final ArrowType INT16 = new ArrowType.Int(16, true);
  static final ArrowType INT32 = new ArrowType.Int(32, true);
  static final ArrowType INT64 = new ArrowType.Int(64, true);
  static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;

  /** A batch over {@code rows} (each an array in field order; null for a null value) at position {@code seq} of partition p. */
  static Batch batch(BufferAllocator allocator, Schema schema, List<Object[]> rows, long seq) {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    try {
      root.allocateNew();
      for (int c = 0; c < schema.getFields().size(); c++) {
        FieldVector v = root.getVector(c);
        for (int r = 0; r < rows.size(); r++) set(v, r, rows.get(r)[c]);
        v.setValueCount(rows.size());
      }
      root.setRowCount(rows.size());
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
    return new Batch(root, null, seq < 0 ? Checkpoint.empty() : Checkpoint.of(Position.of("p", seq)));
  }

  static List<Object[]> rows(Object[]... rows) {
    return new ArrayList<>(List.of(rows));
  }

  static void set(FieldVector v, int i, Object value) {
    if (value == null) {
      v.setNull(i);
      return;
    }
    switch (v) {
      case BaseIntVector ints -> ints.setWithPossibleTruncate(i, ((Number) value).longValue());
      case Float8Vector f -> f.setSafe(i, ((Number) value).doubleValue());
      case Float4Vector f -> f.setSafe(i, ((Number) value).floatValue());
      case BitVector b -> b.setSafe(i, (Boolean) value ? 1 : 0);
      case DecimalVector d -> d.setSafe(i, (BigDecimal) value);
      case Decimal256Vector d -> d.setSafe(i, (BigDecimal) value);
      case VarCharVector s -> s.setSafe(i, value.toString().getBytes(StandardCharsets.UTF_8));
      case LargeVarCharVector s -> s.setSafe(i, value.toString().getBytes(StandardCharsets.UTF_8));
      case VarBinaryVector b -> b.setSafe(i, (byte[]) value);
      case FixedSizeBinaryVector b -> b.setSafe(i, (byte[]) value);
      case DateDayVector d -> d.setSafe(i, (int) ((LocalDate) value).toEpochDay());
      case TimeMicroVector t -> t.setSafe(i, ((LocalTime) value).toNanoOfDay() / 1000);
      case TimeStampVector t -> t.setSafe(i, timestamp(value, ((ArrowType.Timestamp) t.getField().getType()).getUnit()));
      case DurationVector d -> d.setSafe(i, ((Duration) value).toNanos() / 1000);
      case ListVector l -> {
        List<?> items = (List<?>) value;
        int start = l.startNewValue(i);
        FieldVector data = l.getDataVector();
        for (int k = 0; k < items.size(); k++) set(data, start + k, items.get(k));
        data.setValueCount(start + items.size());
        l.endValue(i, items.size());
      }
      default -> throw new IllegalArgumentException("no test setter for " + v.getClass().getSimpleName());
    }
  }

  /** LocalDateTime (wall clock, read as UTC) or Instant, in the vector's unit. */
  static long timestamp(Object value, TimeUnit unit) {
    Instant at = value instanceof LocalDateTime t ? t.toInstant(ZoneOffset.UTC) : (Instant) value;
    long seconds = at.getEpochSecond();
    int nanos = at.getNano();
    return switch (unit) {
      case SECOND -> seconds;
      case MILLISECOND -> seconds * 1000 + nanos / 1_000_000;
      case MICROSECOND -> seconds * 1_000_000 + nanos / 1000;
      case NANOSECOND -> seconds * 1_000_000_000 + nanos;
    };
  }

  /** A sink config with the usual test settings: fast retries. */
  static Map<String, Object> config(TestDatabase db, String table, Object... more) {
    Map<String, Object> m = new HashMap<>();
    m.put("url", db.url());
    m.put("user", "postgres");
    m.put("table", table);
    m.put("retry", Map.of("max_attempts", 5, "initial_backoff", "20ms", "max_backoff", "200ms"));
    for (int i = 0; i < more.length; i += 2) m.put((String) more[i], more[i + 1]);
    return m;
  }
}
