package io.logpro.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.StringJoiner;

/**
 * The session's temporary staging table: COPY fills it, one statement moves its rows into the
 * target, and it is truncated before the next batch. It has no constraints (not even NOT NULL),
 * so a row's problems show up in the statement into the target, where bisection finds the row.
 * Created once per connection, and again when the planned columns change.
 */
final class StagingTable {
  static final String NAME = "pg_temp.logpro_stage";
  /** The row's index in its batch: orders the changes to one key (the last one wins). */
  static final String SEQ = "_logpro_seq";
  /** The change's operation in cdc mode: c, u, d or r. */
  static final String OP = "_logpro_op";

  /** The staging table of one plan: its DDL, its COPY, and whether it stages the row order and the operation. */
  record Definition(String ddl, String copy, boolean hasSeq, boolean hasOp) {}

  private String created;

  static Definition define(List<PlannedColumn> columns, WriteMode mode) {
    boolean seq = mode == WriteMode.UPSERT || mode == WriteMode.CDC;
    boolean op = mode == WriteMode.CDC;
    StringJoiner defs = new StringJoiner(", ");
    StringJoiner names = new StringJoiner(", ");
    for (PlannedColumn c : columns) {
      defs.add(Sql.quote(c.name()) + " " + c.stageType().sql());
      names.add(Sql.quote(c.name()));
    }
    if (seq) {
      defs.add(SEQ + " integer");
      names.add(SEQ);
    }
    if (op) {
      defs.add(OP + " text");
      names.add(OP);
    }
    String ddl = "CREATE TEMPORARY TABLE " + NAME + " (" + defs + ") ON COMMIT DELETE ROWS";
    String copy = "COPY " + NAME + " (" + names + ") FROM STDIN (FORMAT binary)";
    return new Definition(ddl, copy, seq, op);
  }

  /**
   * Makes the session's staging table match {@code definition}. Runs inside the open transaction,
   * before the batch's savepoint, so a rollback to that savepoint keeps it.
   */
  void ensure(Connection c, Definition definition) throws SQLException {
    if (definition.ddl().equals(created)) return;
    try (Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS " + NAME);
      st.execute(definition.ddl());
    }
    created = definition.ddl();
  }

  /** The session is gone (and its temporary tables with it), or its transaction rolled back. */
  void forget() {
    created = null;
  }
}
