package io.logpro.postgres;

import io.logpro.postgres.copy.PgBinaryCopyEncoder;
import io.logpro.postgres.copy.ValueCodec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.arrow.vector.BaseIntVector;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Binary COPY of the rows into the staging table, then the plan's one statement into the target,
 * then TRUNCATE. When the key is one integer column and no key repeats among the rows, the MERGE
 * goes without DISTINCT ON: the same result without a sort.
 */
final class CopyRowsWriter implements RowsWriter {
  private final Connection connection;
  private final CopyManager copy;
  private final WritePlan plan;
  private final ValueCodec[] codecs;
  private final PgBinaryCopyEncoder encoder;
  private final BaseIntVector integerKey;
  private final DistinctKeys distinctKeys;

  /** {@code integerKey}: the batch's key column when the key is one integer column (else null), checked for repeats. */
  CopyRowsWriter(Connection connection, WritePlan plan, ValueCodec[] codecs, PgBinaryCopyEncoder encoder, BaseIntVector integerKey,
      DistinctKeys distinctKeys) throws SQLException {
    this.connection = connection;
    this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    this.plan = plan;
    this.codecs = codecs;
    this.encoder = encoder;
    this.integerKey = integerKey;
    this.distinctKeys = distinctKeys;
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
    boolean distinct = integerKey != null && distinctKeys.distinct(integerKey, rows, from, to);
    String statement = distinct ? plan.statementForDistinctKeys() : plan.statement();
    try (Statement st = connection.createStatement()) {
      st.execute(statement + "; TRUNCATE " + StagingTable.NAME);
    }
  }
}
