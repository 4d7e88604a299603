package io.logpro.postgres;

import io.logpro.postgres.copy.ValueCodec;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The rows of a batch that cannot go into the table whatever the server says, found before any
 * COPY: a value out of its column's range, text that is no uuid, a type the column cannot take,
 * and in upsert and cdc modes a null key (such a row can be neither matched nor told apart).
 */
final class RowChecks {
  private RowChecks() {}

  /** Why each row cannot be written ("sqlstate: column c: message"), null for rows that can; null when all can. */
  static String[] refusals(VectorSchemaRoot root, WritePlan plan, ValueCodec[] codecs, boolean keyRequired) {
    int n = root.getRowCount();
    String[] why = null;
    for (int c = 0; c < plan.columns().size(); c++) {
      PlannedColumn column = plan.columns().get(c);
      ValueCodec codec = codecs[c];
      boolean key = keyRequired && plan.key().contains(column.name());
      if (column.incompatible() == null && !codec.mayReject() && !key) continue;
      FieldVector vector = root.getVector(column.index());
      for (int r = 0; r < n; r++) {
        if (why != null && why[r] != null) continue;
        String reason;
        if (vector.isNull(r)) {
          reason = key ? "23502: key column " + column.name() + " is null" : null;
        } else if (column.incompatible() != null) {
          reason = "42804: " + column.incompatible();
        } else {
          String refused = codec.reject(r); // "sqlstate: message": name the column after the state
          int colon = refused == null ? -1 : refused.indexOf(": ");
          reason = refused == null ? null : refused.substring(0, colon) + ": column " + column.name() + ": " + refused.substring(colon + 2);
        }
        if (reason != null) {
          if (why == null) why = new String[n];
          why[r] = reason;
        }
      }
    }
    return why;
  }
}
