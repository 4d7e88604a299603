package io.logpro.postgres.copy;

/**
 * A column type of the target table, as the sink encodes for it.
 *
 * @param oid      the type's oid; for a domain, its base type's (binary formats are the base type's)
 * @param declared the declared type's own oid (a domain's, an enum's): what an array's element oid must say
 * @param sql      the declared type as {@code format_type} prints it ("numeric(12,2)", "character varying(16)", "text[]")
 * @param category pg_type.typcategory of the base type ('A' array, 'E' enum, 'S' string, 'N' numeric...)
 * @param typmod   the column's type modifier (-1 when none)
 * @param element  for an array, its element type; else null
 */
public record PgType(int oid, int declared, String sql, char category, int typmod, PgType element) {

  public boolean isArray() {
    return element != null;
  }

  /** A built-in type by oid and name, without modifier. */
  public static PgType of(int oid, String sql, char category) {
    return new PgType(oid, oid, sql, category, -1, null);
  }

  /** An array of {@code element} with the array type's oid. */
  public static PgType arrayOf(int arrayOid, PgType element) {
    return new PgType(arrayOid, arrayOid, element.sql() + "[]", 'A', -1, element);
  }
}
