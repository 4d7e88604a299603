package io.logpro.processors.metadata;

import io.logpro.api.Batch;
import io.logpro.api.RawMessage;
import io.logpro.api.RowOrigins;
import io.logpro.api.processor.ProcessorContext;
import io.logpro.processors.BatchProcessor;
import io.logpro.processors.Rows;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Adds ingestion metadata columns for a Bronze table: where each row came from (source
 * partition and position), when it was ingested, its event time and key. With these a table
 * can be checked for exactly-once delivery, and any row traced back to its input.
 */
public final class MetadataProcessor extends BatchProcessor {
  /** A metadata column that can be added. */
  public enum Column {
    PARTITION("partition", ArrowType.Utf8.INSTANCE),
    OFFSET("offset", new ArrowType.Int(64, true)),
    INGESTED_AT("ingested_at", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
    EVENT_TIME("event_time", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
    KEY("key", ArrowType.Binary.INSTANCE),
    /** The message headers as a JSON object of strings (values that are not UTF-8 as "base64:..."). */
    HEADERS("headers", ArrowType.Utf8.INSTANCE);

    final String configName;
    final ArrowType type;

    Column(String configName, ArrowType type) {
      this.configName = configName;
      this.type = type;
    }

    static Column of(String name) {
      for (Column c : values()) if (c.configName.equals(name)) return c;
      return null;
    }
  }

  private final List<Column> columns;
  private final String prefix;
  /** A timestamp column to take event time from instead of the record's timestamp, or null. */
  private final String eventTimeColumn;

  MetadataProcessor(List<Column> columns, String prefix, String eventTimeColumn) {
    this.eventTimeColumn = eventTimeColumn;
    this.columns = columns;
    this.prefix = prefix;
  }

  /** The event-time column, in micros: a timestamp vector of another unit is an error naming the column. */
  private org.apache.arrow.vector.TimeStampVector eventTimeSource(List<FieldVector> columnsOut) {
    if (eventTimeColumn == null || !columns.contains(Column.EVENT_TIME)) return null;
    FieldVector v = columnsOut.stream().filter(c -> c.getName().equals(eventTimeColumn)).findFirst().orElse(null);
    if (v == null) {
      throw new IllegalArgumentException("event_time_column '" + eventTimeColumn + "' is not a column of the rows (columns: "
          + columnsOut.stream().map(FieldVector::getName).toList() + ")");
    }
    if (!(v.getField().getType() instanceof ArrowType.Timestamp t) || t.getUnit() != TimeUnit.MICROSECOND) {
      throw new IllegalArgumentException("event_time_column '" + eventTimeColumn + "' must be a timestamp (microseconds), found "
          + v.getField().getType());
    }
    return (org.apache.arrow.vector.TimeStampVector) v;
  }

  private static String headersJson(RawMessage m) {
    StringBuilder sb = new StringBuilder("{");
    for (var e : m.headers().entrySet()) {
      if (sb.length() > 1) sb.append(',');
      quote(e.getKey(), sb);
      sb.append(':');
      byte[] value = e.getValue();
      if (value == null) {
        sb.append("null");
        continue;
      }
      String text = new String(value, StandardCharsets.UTF_8);
      quote(java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), value) ? text
          : "base64:" + java.util.Base64.getEncoder().encodeToString(value), sb);
    }
    return sb.append('}').toString();
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    sb.append('"');
  }

  /** Pure: it reads only the batch and its origins. */
  @Override
  public boolean sideEffectFree() {
    return true;
  }

  @Override
  protected Batch apply(Batch input, ProcessorContext context) {
    int n = input.rowCount();
    RowOrigins origins = input.origins();
    List<FieldVector> out = new ArrayList<>();
    boolean exclusive = input.refCount() == 1;
    try {
      for (FieldVector v : input.root().getFieldVectors()) out.add(Rows.take(v, v.getName(), exclusive, n, context.allocator()));
      long now = System.currentTimeMillis() * 1000;
      org.apache.arrow.vector.TimeStampVector eventTimeSource = eventTimeSource(out);
      FieldVector[] added = new FieldVector[columns.size()];
      for (int i = 0; i < added.length; i++) {
        FieldVector v = new Field(prefix + columns.get(i).configName, org.apache.arrow.vector.types.pojo.FieldType.nullable(columns.get(i).type), null)
            .createVector(context.allocator());
        out.add(v);
        v.setInitialCapacity(n);
        v.allocateNew();
        added[i] = v;
      }
      // row by row: each row's message is looked up once for all its columns
      String lastPartition = null;
      byte[] lastPartitionBytes = null;
      for (int r = 0; r < n; r++) {
        RawMessage m = origins == null ? null : origins.message(r);
        for (int i = 0; i < added.length; i++) {
          FieldVector v = added[i];
          switch (columns.get(i)) {
            case PARTITION -> {
              if (m != null && m.position() != null) {
                String partition = m.position().partition();
                if (!partition.equals(lastPartition)) {
                  lastPartition = partition;
                  lastPartitionBytes = partition.getBytes(StandardCharsets.UTF_8);
                }
                ((VarCharVector) v).setSafe(r, lastPartitionBytes);
              }
            }
            case OFFSET -> {
              if (m != null && m.position() != null) ((BigIntVector) v).set(r, m.position().sequence());
            }
            case INGESTED_AT -> ((TimeStampMicroTZVector) v).set(r, now);
            case EVENT_TIME -> {
              if (eventTimeSource != null) {
                if (!eventTimeSource.isNull(r)) ((TimeStampMicroTZVector) v).set(r, eventTimeSource.get(r));
              } else if (m != null && m.timestampMs() != RawMessage.NO_TIMESTAMP) {
                ((TimeStampMicroTZVector) v).set(r, m.timestampMs() * 1000);
              }
            }
            case KEY -> {
              if (m != null && m.key() != null) ((VarBinaryVector) v).setSafe(r, m.key());
            }
            case HEADERS -> {
              if (m != null && !m.headers().isEmpty()) ((VarCharVector) v).setSafe(r, headersJson(m).getBytes(StandardCharsets.UTF_8));
            }
          }
        }
      }
      for (FieldVector v : added) v.setValueCount(n);
      List<Field> fields = new ArrayList<>();
      for (FieldVector v : out) fields.add(v.getField());
      return input.derive(new VectorSchemaRoot(fields, out, n), origins);
    } catch (RuntimeException e) {
      out.forEach(FieldVector::close);
      throw e;
    }
  }
}
