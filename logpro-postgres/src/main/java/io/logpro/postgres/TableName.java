package io.logpro.postgres;

/**
 * A schema-qualified table name, used exactly as written: names are quoted in every statement,
 * so {@code public.Trips} is the table "Trips", not "trips".
 */
public record TableName(String schema, String table) {

  /** {@code schema.table}, or {@code table} in schema public. */
  public static TableName parse(String name) {
    String s = name.trim();
    int dot = s.indexOf('.');
    if (dot < 0) return new TableName("public", s);
    if (dot == 0 || dot == s.length() - 1 || s.indexOf('.', dot + 1) >= 0) {
      throw new IllegalArgumentException("expected schema.table, found '" + name + "'");
    }
    return new TableName(s.substring(0, dot), s.substring(dot + 1));
  }

  /** {@code "schema"."table"}. */
  public String quoted() {
    return Sql.quote(schema) + "." + Sql.quote(table);
  }

  @Override
  public String toString() {
    return schema + "." + table;
  }
}
