package io.logpro.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.StringJoiner;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the target table from a batch schema: columns typed by {@link PgTypes#columnType}, a primary key on the key. */
final class TableDdl {
  private static final Logger log = LoggerFactory.getLogger(TableDdl.class);

  private TableDdl() {}

  static String createTable(TableName table, Schema schema, ColumnSelection selection, List<String> primaryKey) {
    StringJoiner defs = new StringJoiner(", ");
    for (int index : selection.written()) {
      Field f = schema.getFields().get(index);
      defs.add(Sql.quote(f.getName()) + " " + PgTypes.columnType(f).sql());
    }
    if (!primaryKey.isEmpty()) defs.add("PRIMARY KEY (" + Sql.quoteAll(primaryKey, "") + ")");
    return "CREATE TABLE IF NOT EXISTS " + table.quoted() + " (" + defs + ")";
  }

  /**
   * Creates schema and table inside the open transaction (they commit with the first rows). A
   * concurrent creator may win the race: its table is as good as ours.
   */
  static void create(Connection c, String sink, TableName table, Schema schema, ColumnSelection selection, List<String> primaryKey)
      throws SQLException {
    String ddl = createTable(table, schema, selection, primaryKey);
    try (Statement st = c.createStatement()) {
      st.execute("SAVEPOINT logpro_ddl");
      try {
        st.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.quote(table.schema()));
        st.execute(ddl);
        st.execute("RELEASE SAVEPOINT logpro_ddl");
      } catch (SQLException e) {
        String state = SqlErrors.state(e);
        // 23505 on pg_type/pg_namespace, 42P07/42P06: someone else created it between our IF NOT EXISTS and our insert.
        if (!"23505".equals(state) && !"42P07".equals(state) && !"42P06".equals(state)) throw e;
        st.execute("ROLLBACK TO SAVEPOINT logpro_ddl");
        log.info("postgres sink {}: table {} was created concurrently; using it", sink, table);
        return;
      }
    }
    log.info("postgres sink {}: created table {} ({} columns{})", sink, table, selection.written().size(),
        primaryKey.isEmpty() ? "" : ", primary key " + primaryKey);
  }
}
