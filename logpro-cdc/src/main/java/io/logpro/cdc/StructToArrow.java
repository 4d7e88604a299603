package io.logpro.cdc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Writes the changes of one table, as Debezium describes it at one moment (one envelope value
 * schema), into Arrow vectors: the table's columns in table order, then {@code _op}, {@code _table},
 * {@code _source_ts}, {@code _tx_id} and the dialect's position columns. A delete takes its values
 * from {@code before} (the key columns, or the whole old row when the source sends it), every other
 * change from {@code after}. A new value schema (a column added, a type widened) gets a new
 * converter, hence a new Arrow schema.
 */
final class StructToArrow {
  private static final List<String> META = List.of("_op", "_table", "_source_ts", "_tx_id");
  private final CdcDialect dialect;
  private final org.apache.arrow.vector.types.pojo.Schema arrowSchema;
  private final String[] columnNames;
  private final ConnectColumns.ValueWriter[] writers;
  private final boolean[] key;
  private final boolean deleteCarriesOldRow;
  private String lastTable;
  private byte[] lastTableBytes;

  StructToArrow(CdcDialect dialect, Schema envelope, Schema key, boolean deleteCarriesOldRow) {
    this.dialect = dialect;
    this.deleteCarriesOldRow = deleteCarriesOldRow;
    Schema row = rowSchema(envelope);
    Set<String> keyNames = new HashSet<>();
    if (key != null && key.type() == Schema.Type.STRUCT) key.fields().forEach(f -> keyNames.add(f.name()));
    List<Field> fields = new ArrayList<>();
    int n = row.fields().size();
    columnNames = new String[n];
    writers = new ConnectColumns.ValueWriter[n];
    this.key = new boolean[n];
    for (int i = 0; i < n; i++) {
      org.apache.kafka.connect.data.Field f = row.fields().get(i);
      ConnectColumns.Column c = ConnectColumns.column(f.name(), f.schema(), keyNames.contains(f.name()));
      fields.add(c.field());
      columnNames[i] = f.name();
      writers[i] = c.writer();
      this.key[i] = keyNames.contains(f.name());
    }
    for (String name : META) {
      if (List.of(columnNames).contains(name)) {
        throw new IllegalStateException("table column " + name + " clashes with the CDC metadata column of that name");
      }
    }
    fields.add(new Field("_op", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null));
    fields.add(new Field("_table", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null));
    fields.add(new Field("_source_ts", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")), null));
    fields.add(new Field("_tx_id", FieldType.nullable(ArrowType.Utf8.INSTANCE), null));
    fields.addAll(dialect.positionFields());
    arrowSchema = new org.apache.arrow.vector.types.pojo.Schema(fields);
  }

  /** True when {@code value} is a Debezium change envelope (not a heartbeat or schema change). */
  static boolean isEnvelope(Schema valueSchema) {
    return valueSchema != null && valueSchema.type() == Schema.Type.STRUCT && valueSchema.field("op") != null
        && valueSchema.field("source") != null && (valueSchema.field("after") != null || valueSchema.field("before") != null);
  }

  private static Schema rowSchema(Schema envelope) {
    org.apache.kafka.connect.data.Field f = envelope.field("after") != null ? envelope.field("after") : envelope.field("before");
    return f.schema();
  }

  org.apache.arrow.vector.types.pojo.Schema schema() {
    return arrowSchema;
  }

  VectorSchemaRoot newRoot(BufferAllocator allocator, int capacity) {
    VectorSchemaRoot root = VectorSchemaRoot.create(arrowSchema, allocator);
    try {
      for (FieldVector v : root.getFieldVectors()) v.setInitialCapacity(capacity);
      root.allocateNew();
      return root;
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  /** Writes the change {@code value} (an envelope with op c, u, d or r) as row {@code row}. */
  void append(VectorSchemaRoot root, int row, Struct value) {
    String op = value.getString("op");
    boolean delete = "d".equals(op);
    Struct data = delete ? value.getStruct("before") : value.getStruct("after");
    boolean keysOnly = delete && !deleteCarriesOldRow;
    for (int i = 0; i < writers.length; i++) {
      FieldVector v = root.getVector(i);
      Object o = data == null || (keysOnly && !key[i]) ? null : data.getWithoutDefault(columnNames[i]);
      if (o == null) v.setNull(row);
      else {
        try {
          writers[i].write(v, row, o);
        } catch (RuntimeException e) {
          throw new IllegalStateException("cannot convert column " + columnNames[i] + " (" + v.getField().getType() + "): " + e.getMessage(), e);
        }
      }
    }
    Struct source = value.getStruct("source");
    int m = writers.length;
    ((VarCharVector) root.getVector(m)).setSafe(row, opBytes(op));
    String table = dialect.tableName(source);
    if (!table.equals(lastTable)) {
      lastTable = table;
      lastTableBytes = table.getBytes(StandardCharsets.UTF_8);
    }
    ((VarCharVector) root.getVector(m + 1)).setSafe(row, lastTableBytes);
    TimeStampMilliTZVector ts = (TimeStampMilliTZVector) root.getVector(m + 2);
    Long tsMs = source.getInt64("ts_ms");
    if (tsMs == null) ts.setNull(row);
    else ts.setSafe(row, tsMs);
    VarCharVector tx = (VarCharVector) root.getVector(m + 3);
    String txId = dialect.txId(source);
    if (txId == null) tx.setNull(row);
    else tx.setSafe(row, txId.getBytes(StandardCharsets.UTF_8));
    dialect.writePosition(root, m + 4, row, source);
  }

  private static final byte[] C = {'c'}, U = {'u'}, D = {'d'}, R = {'r'};

  private static byte[] opBytes(String op) {
    return switch (op) {
      case "c" -> C;
      case "u" -> U;
      case "d" -> D;
      case "r" -> R;
      default -> op.getBytes(StandardCharsets.UTF_8);
    };
  }
}
