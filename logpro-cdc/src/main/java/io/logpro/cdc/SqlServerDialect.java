package io.logpro.cdc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.kafka.connect.data.Struct;

/**
 * SQL Server through its CDC change tables.
 *
 * <p>Order key: {@code [commit_lsn, change_lsn, event_serial_no]}, the order in which Debezium
 * reads the change tables. An LSN is 10 bytes ("0000002d:00000d10:0003": virtual log file, log
 * block, slot); it becomes two unsigned numbers: the first 8 bytes, then the 2-byte slot. Two
 * 80-bit LSNs do not fit in one 63-bit sequence, so {@link CdcPositions} counts sequences and
 * keeps this key in the position's token to recognise changes Debezium delivers again.
 * {@code _tx_id} is the commit LSN: SQL Server CDC names a transaction by it.
 */
record SqlServerDialect() implements CdcDialect {

  @Override
  public String type() {
    return "sqlserver_cdc";
  }

  @Override
  public String connectorClass() {
    return "io.debezium.connector.sqlserver.SqlServerConnector";
  }

  @Override
  public String tableName(Struct source) {
    return source.getString("schema") + "." + source.getString("table");
  }

  @Override
  public String txId(Struct source) {
    return source.getString("commit_lsn");
  }

  @Override
  public List<Field> positionFields() {
    return List.of(new Field("_change_lsn", FieldType.nullable(ArrowType.Utf8.INSTANCE), null));
  }

  @Override
  public void writePosition(VectorSchemaRoot root, int first, int row, Struct source) {
    VarCharVector lsn = (VarCharVector) root.getVector(first);
    String value = source.getString("change_lsn");
    if (value == null) lsn.setNull(row);
    else lsn.setSafe(row, value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public long[] changeKey(Struct source, Map<String, ?> offset) {
    long[] commit = lsn(source.getString("commit_lsn"));
    long[] change = lsn(source.getString("change_lsn"));
    Long serial = source.getInt64("event_serial_no");
    return new long[] {commit[0], commit[1], change[0], change[1], serial == null ? 0 : serial};
  }

  /** "0000002d:00000d10:0003" as {first 8 bytes, last 2 bytes}; a missing LSN is zero. */
  static long[] lsn(String text) {
    if (text == null || text.equals("NULL")) return new long[] {0, 0};
    String hex = text.replace(":", "");
    if (hex.length() != 20) throw new IllegalStateException("unexpected SQL Server LSN '" + text + "'");
    return new long[] {Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseLong(hex.substring(16), 16)};
  }

  static String text(long[] lsn) {
    String hex = String.format("%016x%04x", lsn[0], lsn[1]);
    return hex.substring(0, 8) + ":" + hex.substring(8, 16) + ":" + hex.substring(16);
  }
}
