package io.logpro.postgres;

import io.logpro.api.Checkpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The committed source positions of each (pipeline, sink): one row, upserted in the same
 * transaction as the rows it covers. {@code commit_id} identifies the transaction that wrote
 * it, so that after a connection lost during COMMIT the sink can tell whether that commit
 * happened (and must not be replayed) or not.
 */
final class OffsetsTable {
  private final TableName table;

  OffsetsTable(TableName table) {
    this.table = table;
  }

  /** Creates schema and table when absent (in the caller's transaction; a concurrent creator is fine). */
  void ensure(Connection c) throws SQLException {
    // Look first: CREATE ... IF NOT EXISTS needs the CREATE privilege even when the table is there.
    try (PreparedStatement st = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      st.setString(1, table.quoted());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        if (rs.getBoolean(1)) return;
      }
    }
    try (Statement st = c.createStatement()) {
      st.execute("SAVEPOINT logpro_offsets");
      try {
        st.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.quote(table.schema()));
        st.execute("CREATE TABLE IF NOT EXISTS " + table.quoted() + " (pipeline text NOT NULL, sink text NOT NULL,"
            + " checkpoint text NOT NULL, commit_id bigint, updated_at timestamptz NOT NULL DEFAULT now(),"
            + " PRIMARY KEY (pipeline, sink))");
        st.execute("RELEASE SAVEPOINT logpro_offsets");
      } catch (SQLException e) {
        String state = SqlErrors.state(e);
        if (!"23505".equals(state) && !"42P07".equals(state) && !"42P06".equals(state)) throw e;
        st.execute("ROLLBACK TO SAVEPOINT logpro_offsets");
      }
    }
  }

  /** What the last commit of ({@code pipeline}, {@code sink}) stored, or an empty checkpoint. */
  Stored read(Connection c, String pipeline, String sink) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT checkpoint, commit_id FROM " + table.quoted() + " WHERE pipeline = ? AND sink = ?")) {
      st.setString(1, pipeline);
      st.setString(2, sink);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) return new Stored(Checkpoint.empty(), 0);
        return new Stored(Checkpoint.fromJson(rs.getString(1)), rs.getLong(2));
      }
    }
  }

  /** Stores {@code checkpoint} for ({@code pipeline}, {@code sink}) in the open transaction. */
  void store(Connection c, String pipeline, String sink, Checkpoint checkpoint, long commitId) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("INSERT INTO " + table.quoted() + " (pipeline, sink, checkpoint, commit_id, updated_at)"
        + " VALUES (?, ?, ?, ?, now()) ON CONFLICT (pipeline, sink) DO UPDATE SET checkpoint = EXCLUDED.checkpoint,"
        + " commit_id = EXCLUDED.commit_id, updated_at = EXCLUDED.updated_at")) {
      st.setString(1, pipeline);
      st.setString(2, sink);
      st.setString(3, checkpoint.toJson());
      st.setLong(4, commitId);
      st.executeUpdate();
    }
  }

  /** A stored row: its checkpoint and the id of the commit that wrote it (0 when none). */
  record Stored(Checkpoint checkpoint, long commitId) {}
}
