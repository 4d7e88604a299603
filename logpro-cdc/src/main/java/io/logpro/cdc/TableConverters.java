package io.logpro.cdc;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;

/**
 * One {@link StructToArrow} per table schema, keyed by the change's value and key schemas.
 * Debezium reuses a table's schema objects until the table changes, so the last one is checked
 * by identity first; structural lookups (Connect schemas compare deeply) happen only on a switch.
 */
final class TableConverters {
  private final CdcDialect dialect;
  private final Map<List<Schema>, StructToArrow> byStructure = new HashMap<>();
  private Schema lastValue;
  private Schema lastKey;
  private StructToArrow last;

  TableConverters(CdcDialect dialect) {
    this.dialect = dialect;
  }

  /** The converter of a change with these schemas; {@code table} names it when a new one is made. */
  StructToArrow forSchemas(Schema value, Schema key, String table) {
    if (value == lastValue && key == lastKey && last != null) return last;
    StructToArrow c = byStructure.computeIfAbsent(Arrays.asList(value, key),
        k -> new StructToArrow(dialect, value, key, dialect.deletesCarryOldRow(table)));
    lastValue = value;
    lastKey = key;
    last = c;
    return c;
  }
}
