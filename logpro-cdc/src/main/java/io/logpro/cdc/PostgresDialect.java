package io.logpro.cdc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.kafka.connect.data.Struct;

/**
 * PostgreSQL through logical replication (pgoutput).
 *
 * <p>Order key: {@code [lsn_commit, lsn]}. An event's own LSN is not monotonic in the stream:
 * transactions arrive in commit order, and one that began earlier has lower change LSNs than one
 * that committed before it. {@code lsn_commit} (Debezium's end LSN of the previous commit) is
 * monotonic across transactions and the LSN orders changes inside one. A multi-row insert
 * (COPY) logs many rows at one LSN; {@link CdcPositions} numbers those.
 */
final class PostgresDialect implements CdcDialect {
  static final String LSN_COMMIT = "lsn_commit";
  static final String LSN_PROC = "lsn_proc";
  private final PgReplicaIdentity replicaIdentity;

  /** A dialect that takes every table's deletes to carry the key only. */
  PostgresDialect() {
    this(null);
  }

  PostgresDialect(PgReplicaIdentity replicaIdentity) {
    this.replicaIdentity = replicaIdentity;
  }

  @Override
  public boolean deletesCarryOldRow(String table) {
    return replicaIdentity != null && replicaIdentity.isFull(table);
  }

  @Override
  public void close() {
    if (replicaIdentity != null) replicaIdentity.close();
  }

  @Override
  public String type() {
    return "postgres_cdc";
  }

  @Override
  public String connectorClass() {
    return "io.debezium.connector.postgresql.PostgresConnector";
  }

  @Override
  public String tableName(Struct source) {
    return source.getString("schema") + "." + source.getString("table");
  }

  @Override
  public String txId(Struct source) {
    Long tx = source.getInt64("txId");
    return tx == null ? null : tx.toString();
  }

  @Override
  public List<Field> positionFields() {
    return List.of(new Field("_lsn", FieldType.nullable(new ArrowType.Int(64, true)), null));
  }

  @Override
  public void writePosition(VectorSchemaRoot root, int first, int row, Struct source) {
    BigIntVector lsn = (BigIntVector) root.getVector(first);
    Long value = source.getInt64("lsn");
    if (value == null) lsn.setNull(row);
    else lsn.setSafe(row, value);
  }

  @Override
  public long[] changeKey(Struct source, Map<String, ?> offset) {
    Long lsn = source.getInt64("lsn");
    return new long[] {number(offset.get(LSN_COMMIT)), lsn == null ? 0 : lsn};
  }

  /**
   * Debezium resumes after the stored change's LSN and so skips the rest of a multi-row insert
   * stored halfway. Pointing its "last processed" LSN just before the previous commit makes it
   * replay the whole unfinished transaction instead (its WAL locator restarts at the transaction's
   * BEGIN); {@link CdcPositions} drops what was delivered already. Offsets without a commit LSN
   * (the first transaction after a snapshot) are replayed from the slot's start already.
   */
  @Override
  public Map<String, Object> resumeOffset(Map<String, Object> stored) {
    Object commit = stored.get(LSN_COMMIT);
    if (!(commit instanceof Number n) || n.longValue() <= 0 || !stored.containsKey(LSN_PROC)) return stored;
    Map<String, Object> copy = new HashMap<>(stored);
    copy.put(LSN_PROC, n.longValue() - 1);
    return copy;
  }

  private static long number(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }
}
