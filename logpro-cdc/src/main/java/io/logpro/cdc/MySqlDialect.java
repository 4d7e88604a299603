package io.logpro.cdc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.kafka.connect.data.Struct;

/**
 * MySQL and MariaDB through the binlog.
 *
 * <p>Order key: {@code [file index, event position, row in event]}, monotonic because the binlog
 * is written in commit order. The sequence packs it into one long:
 * {@code file index << 32 | (event position + row)}. Bit 63 is 0, bits 62..32 hold the file
 * index (the numeric suffix of the binlog file, below 2^31) and bits 31..0 the event's start
 * position plus the row number inside the event. A rows event of n rows is longer than n bytes,
 * so position + row stays below the next event's position: the sum is unique and increasing.
 */
record MySqlDialect() implements CdcDialect {

  @Override
  public String type() {
    return "mysql_cdc";
  }

  @Override
  public String connectorClass() {
    return "io.debezium.connector.mysql.MySqlConnector";
  }

  @Override
  public String tableName(Struct source) {
    return source.getString("db") + "." + source.getString("table");
  }

  @Override
  public String txId(Struct source) {
    return source.getString("gtid");
  }

  @Override
  public List<Field> positionFields() {
    return List.of(
        new Field("_binlog_file", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
        new Field("_binlog_pos", FieldType.nullable(new ArrowType.Int(64, true)), null));
  }

  @Override
  public void writePosition(VectorSchemaRoot root, int first, int row, Struct source) {
    VarCharVector file = (VarCharVector) root.getVector(first);
    BigIntVector pos = (BigIntVector) root.getVector(first + 1);
    String f = source.getString("file");
    if (f == null) file.setNull(row);
    else file.setSafe(row, f.getBytes(StandardCharsets.UTF_8));
    Long p = source.getInt64("pos");
    if (p == null) pos.setNull(row);
    else pos.setSafe(row, p);
  }

  @Override
  public long[] changeKey(Struct source, Map<String, ?> offset) {
    Long pos = source.getInt64("pos");
    Integer row = source.getInt32("row");
    return new long[] {fileIndex(source.getString("file")), pos == null ? 0 : pos, row == null ? 0 : row};
  }

  @Override
  public OptionalLong packedSequence(long[] key) {
    long index = key[0];
    long offset = key[1] + key[2];
    if (index < 0 || index >= (1L << 31) || offset < 0 || offset >= (1L << 32)) {
      throw new IllegalStateException("binlog position " + index + "/" + key[1] + "/" + key[2]
          + " is beyond what a position sequence holds (file index below 2^31, position below 2^32)");
    }
    return OptionalLong.of(index << 32 | offset);
  }

  /** The numeric suffix of a binlog file name ("mysql-bin.000042" is 42). */
  static long fileIndex(String file) {
    if (file == null) return 0;
    int dot = file.lastIndexOf('.');
    try {
      return Long.parseLong(file.substring(dot + 1));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("binlog file '" + file + "' does not end in a number", e);
    }
  }
}
