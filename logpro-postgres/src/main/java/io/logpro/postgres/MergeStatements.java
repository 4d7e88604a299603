package io.logpro.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The statements that move staged rows into the target, one per batch (or per half of a batch
 * while bisecting for bad rows). Upsert and cdc keep only the last row of each key in the batch
 * ({@code DISTINCT ON (key) ... ORDER BY key, seq DESC}): MERGE may touch a target row only once.
 */
final class MergeStatements {
  /**
   * Sent before a MERGE into a table with an index on the key. The planner knows nothing of the
   * staging table (temporary tables are never analyzed) and little of a growing target, and
   * picks a hash join that reads the whole target for every batch: the cost of a batch then
   * grows with the table. Probing the index row by row costs the same at any size. Local to
   * the transaction, which runs nothing but the sink's statements.
   */
  static final String PROBE_THE_KEY_INDEX = "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; ";

  private MergeStatements() {}

  static String forMode(WriteMode mode, TableName table, List<PlannedColumn> columns, List<String> key, boolean distinctOn) {
    return switch (mode) {
      case APPEND -> append(table, columns);
      case UPSERT -> merge(table, columns, key, false, distinctOn);
      case CDC -> merge(table, columns, key, true, distinctOn);
      case INSERT -> throw new IllegalArgumentException("mode insert has no staging statement");
    };
  }

  /** {@code INSERT INTO t (cols) SELECT cols FROM staging s}. */
  static String append(TableName table, List<PlannedColumn> columns) {
    return "INSERT INTO " + table.quoted() + " (" + names(columns) + ") SELECT " + values(columns, "s") + " FROM "
        + StagingTable.NAME + " s";
  }

  /**
   * {@code MERGE INTO t USING (last row per key) s ON key match}: matched rows are updated (in cdc
   * mode deleted when the change is a delete), the others inserted (in cdc mode unless a delete).
   * Without {@code distinctOn} the staged rows are used as they are: for rows known to have no
   * repeated key, where keeping the last row of each key changes nothing.
   */
  static String merge(TableName table, List<PlannedColumn> columns, List<String> key, boolean cdc, boolean distinctOn) {
    String keyList = Sql.quoteAll(key, "");
    StringJoiner on = new StringJoiner(" AND ");
    for (String k : key) on.add("t." + Sql.quote(k) + " = " + column(columns, k).valueFrom("s"));
    List<PlannedColumn> others = new ArrayList<>();
    for (PlannedColumn c : columns) {
      if (!key.contains(c.name())) others.add(c);
    }
    StringBuilder sql = new StringBuilder("MERGE INTO ").append(table.quoted()).append(" t USING ");
    if (distinctOn) {
      sql.append("(SELECT DISTINCT ON (").append(keyList).append(") * FROM ").append(StagingTable.NAME).append(" ORDER BY ")
          .append(keyList).append(", ").append(StagingTable.SEQ).append(" DESC) s");
    } else {
      sql.append(StagingTable.NAME).append(" s");
    }
    sql.append(" ON ").append(on);
    if (cdc) sql.append(" WHEN MATCHED AND s.").append(StagingTable.OP).append(" = 'd' THEN DELETE");
    if (others.isEmpty()) {
      sql.append(" WHEN MATCHED THEN DO NOTHING");
    } else {
      StringJoiner set = new StringJoiner(", ");
      for (PlannedColumn c : others) set.add(Sql.quote(c.name()) + " = " + c.valueFrom("s"));
      sql.append(" WHEN MATCHED THEN UPDATE SET ").append(set);
    }
    sql.append(" WHEN NOT MATCHED");
    if (cdc) sql.append(" AND s.").append(StagingTable.OP).append(" IS DISTINCT FROM 'd'");
    sql.append(" THEN INSERT (").append(names(columns)).append(") VALUES (").append(values(columns, "s")).append(')');
    return sql.toString();
  }

  /** Mode insert: {@code INSERT INTO t (cols) VALUES (?, CAST(? AS type), ...)}. */
  static String insertValues(TableName table, List<PlannedColumn> columns) {
    StringJoiner params = new StringJoiner(", ");
    for (PlannedColumn c : columns) params.add(JdbcValues.needsCast(c) ? "CAST(? AS " + c.target().type().sql() + ")" : "?");
    return "INSERT INTO " + table.quoted() + " (" + names(columns) + ") VALUES (" + params + ")";
  }

  private static PlannedColumn column(List<PlannedColumn> columns, String name) {
    for (PlannedColumn c : columns) {
      if (c.name().equals(name)) return c;
    }
    throw new IllegalArgumentException("key column " + name + " is not written");
  }

  private static String names(List<PlannedColumn> columns) {
    StringJoiner j = new StringJoiner(", ");
    for (PlannedColumn c : columns) j.add(Sql.quote(c.name()));
    return j.toString();
  }

  private static String values(List<PlannedColumn> columns, String alias) {
    StringJoiner j = new StringJoiner(", ");
    for (PlannedColumn c : columns) j.add(c.valueFrom(alias));
    return j.toString();
  }
}
