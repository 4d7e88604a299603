package io.logpro.postgres;

import io.logpro.postgres.copy.PgBinaryCopyEncoder;
import io.logpro.postgres.copy.ValueCodec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/** Binary COPY of the rows into the staging table, then the plan's one statement into the target, then TRUNCATE. */
final class CopyRowsWriter implements RowsWriter {
  private final Connection connection;
  private final CopyManager copy;
  private final WritePlan plan;
  private final ValueCodec[] codecs;
  private final PgBinaryCopyEncoder encoder;

  CopyRowsWriter(Connection connection, WritePlan plan, ValueCodec[] codecs, PgBinaryCopyEncoder encoder) throws SQLException {
    this.connection = connection;
    this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    this.plan = plan;
    this.codecs = codecs;
    this.encoder = encoder;
  }

  @Override
  public void write(int[] rows, int from, int to) throws Exception {
    CopyIn in = copy.copyIn(plan.staging().copy());
    try {
      encoder.encode(codecs, rows, from, to, in::writeToCopy);
      in.endCopy();
    } catch (Exception e) {
      if (in.isActive()) {
        try {
          in.cancelCopy();
        } catch (SQLException cancel) {
          e.addSuppressed(cancel);
        }
      }
      throw e;
    }
    try (Statement st = connection.createStatement()) {
      st.execute(plan.statement() + "; TRUNCATE " + StagingTable.NAME);
    }
  }
}
