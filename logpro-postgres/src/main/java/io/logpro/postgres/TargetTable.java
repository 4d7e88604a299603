package io.logpro.postgres;

import io.logpro.postgres.copy.PgType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The target table's columns and primary key, read from the catalog (pg_attribute, pg_type,
 * pg_index) once, and again after the sink changed the table. Encoding follows these types.
 */
final class TargetTable {
  /** One column: its name as stored, its type, and whether it takes nulls. */
  record Column(String name, PgType type, boolean notNull) {}

  private static final String COLUMNS = """
      SELECT a.attname, a.attnotnull, a.atttypmod, format_type(a.atttypid, a.atttypmod), a.atttypid, bt.oid, bt.typcategory,
             et.oid, format_type(et.oid, NULL), et.typcategory, coalesce(nullif(et.typbasetype, 0), et.oid)
      FROM pg_attribute a
      JOIN pg_type t ON t.oid = a.atttypid
      JOIN pg_type bt ON bt.oid = coalesce(nullif(t.typbasetype, 0), t.oid)
      LEFT JOIN pg_type et ON et.oid = bt.typelem AND bt.typcategory = 'A'
      WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum""";
  private static final String PRIMARY_KEY = """
      SELECT a.attname FROM pg_index i
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE i.indrelid = ?::regclass AND i.indisprimary
      ORDER BY array_position(i.indkey::int2[], a.attnum)""";

  private static final String INDEXES = """
      SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i
      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = ?::regclass AND i.indisvalid AND i.indpred IS NULL
      GROUP BY i.indexrelid""";

  private final TableName name;
  private final List<Column> columns;
  private final List<String> primaryKey;
  private final List<List<String>> indexes;

  private TargetTable(TableName name, List<Column> columns, List<String> primaryKey, List<List<String>> indexes) {
    this.name = name;
    this.columns = List.copyOf(columns);
    this.primaryKey = List.copyOf(primaryKey);
    this.indexes = List.copyOf(indexes);
  }

  /** The table as the catalog describes it now, or null when it does not exist. */
  static TargetTable load(Connection c, TableName name) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      st.setString(1, name.quoted());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) return null;
      }
    }
    List<Column> columns = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement(COLUMNS)) {
      st.setString(1, name.quoted());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          int typmod = rs.getInt(3);
          int elementOid = rs.getInt(8);
          PgType element = rs.wasNull() ? null
              : new PgType(rs.getInt(11), elementOid, rs.getString(9), category(rs.getString(10)), -1, null);
          PgType type = new PgType(rs.getInt(6), rs.getInt(5), rs.getString(4), category(rs.getString(7)), typmod, element);
          columns.add(new Column(rs.getString(1), type, rs.getBoolean(2)));
        }
      }
    }
    List<String> key = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement(PRIMARY_KEY)) {
      st.setString(1, name.quoted());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) key.add(rs.getString(1));
      }
    }
    List<List<String>> indexes = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement(INDEXES)) {
      st.setString(1, name.quoted());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) indexes.add(List.of((String[]) rs.getArray(1).getArray()));
      }
    }
    return new TargetTable(name, columns, key, indexes);
  }

  private static char category(String s) {
    return s == null || s.isEmpty() ? '?' : s.charAt(0);
  }

  TableName name() {
    return name;
  }

  List<Column> columns() {
    return columns;
  }

  List<String> primaryKey() {
    return primaryKey;
  }

  /** Whether an index (not partial) starts with exactly the columns {@code key}, in any order: MERGE can probe it row by row. */
  boolean hasIndexOn(List<String> key) {
    if (key.isEmpty()) return false;
    for (List<String> index : indexes) {
      if (index.size() >= key.size() && new java.util.HashSet<>(index.subList(0, key.size())).equals(new java.util.HashSet<>(key))) return true;
    }
    return false;
  }

  /** The column named {@code name}: the exact name, else the only one that matches ignoring case; null when none. */
  Column column(String name) {
    Column folded = null;
    int matches = 0;
    for (Column c : columns) {
      if (c.name().equals(name)) return c;
      if (c.name().equalsIgnoreCase(name)) {
        folded = c;
        matches++;
      }
    }
    return matches == 1 ? folded : null;
  }
}
