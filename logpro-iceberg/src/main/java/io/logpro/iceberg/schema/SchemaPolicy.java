package io.logpro.iceberg.schema;

import java.util.Locale;

/** What a sink does when a batch's schema differs from its table's ({@code schema_evolution}). */
public enum SchemaPolicy {
  /** Any difference sends every row of the batch to the dead-letter output; the table never changes. */
  STRICT,
  /** New columns are added, safe widenings applied, missing optional columns written as null; rows with unsafe values are dead-lettered. */
  PERMISSIVE,
  /** Like permissive, but values that do not fit the table (new columns, unsafe types) go to a {@code _rescued_data} JSON column. */
  RESCUE;

  public static SchemaPolicy parse(String s) {
    return s == null ? PERMISSIVE : valueOf(s.trim().toUpperCase(Locale.ROOT));
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
