package io.logpro.cdc;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MySQL and MariaDB through the binlog.
 *
 * <p>Order key: {@code [file index, event position, row in event]}, monotonic because the binlog
 * is written in commit order. The sequence packs it into one long:
 * {@code file index << 32 | (event position + row)}. Bit 63 is 0, bits 62..32 hold the file
 * index (the numeric suffix of the binlog file, below 2^31) and bits 31..0 the event's start
 * position plus the row number inside the event. A rows event of n rows is longer than n bytes,
 * so position + row stays below the next event's position: the sum is unique and increasing.
 *
 * <p>MariaDB through the MySQL connector: MariaDB opens a transaction with its own GTID event
 * instead of a BEGIN query, which the MySQL connector does not read as a transaction start. Its
 * offsets then point past the current rows event while counting rows to skip inside it, so
 * resuming from one skips changes. For MariaDB the resume offset is therefore the start of the
 * change's transaction, found with SHOW BINLOG EVENTS ({@link MariaDbBinlog}): Debezium reads the
 * transaction again and {@link CdcPositions} drops the changes up to the checkpoint by their key.
 * MySQL offsets (BEGIN events, or GTIDs) are exact and are used as they are.
 */
final class MySqlDialect implements CdcDialect {
  private static final Logger log = LoggerFactory.getLogger(MySqlDialect.class);
  private final MariaDbBinlog server;
  private volatile Boolean mariaDb;

  /** A dialect for a MySQL server. */
  MySqlDialect() {
    this(null);
  }

  /** @param server asked, when Debezium first resumes, whether it is MariaDB and where transactions began */
  MySqlDialect(MariaDbBinlog server) {
    this.server = server;
  }

  /**
   * Streamed offsets carry the binlog's server_id; snapshot offsets (the snapshot's binlog position,
   * a transaction boundary) do not, and are exact already.
   */
  @Override
  public Map<String, Object> resumeOffset(Map<String, Object> stored) {
    if (!stored.containsKey("server_id") || stored.containsKey("snapshot") || !(stored.get("file") instanceof String file)
        || !(stored.get("pos") instanceof Number pos) || !isMariaDb()) {
      return stored;
    }
    long start;
    try {
      start = server.transactionStart(file, pos.longValue());
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot find where the transaction of the resume position " + file + "/" + pos
          + " began (SHOW BINLOG EVENTS): " + e.getMessage(), e);
    }
    if (start < 0) throw new IllegalStateException("no transaction start before " + file + "/" + pos + " in the binlog");
    Map<String, Object> copy = new HashMap<>(stored);
    copy.put("pos", start);
    copy.remove("row");
    copy.remove("event");
    log.info("MariaDB: resuming from the transaction start {}/{} of the checkpoint's change", file, start);
    return copy;
  }

  private boolean isMariaDb() {
    Boolean m = mariaDb;
    if (m == null) {
      m = server != null && server.isMariaDb();
      mariaDb = m;
    }
    return m;
  }

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
