package io.logpro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.iceberg.IcebergCatalogs;
import io.logpro.iceberg.TableReader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;

/** Reading tables back in end-to-end tests, with Iceberg's own reader. */
final class Tables {
  private Tables() {}

  static TableReader read(Path warehouse, String uri, String table) {
    Catalog catalog = IcebergCatalogs.open(warehouse.toString(), uri);
    return new TableReader(catalog.loadTable(TableIdentifier.parse(table)));
  }

  static long rowsOrZero(Path warehouse, String uri, String table) {
    try {
      return read(warehouse, uri, table).rowCount();
    } catch (RuntimeException e) {
      return 0; // not created yet
    }
  }

  /** Waits until {@code table} holds {@code expected} rows; fails after {@code timeoutSeconds}. */
  static void awaitRows(Path warehouse, String uri, String table, long expected, long timeoutSeconds, Path log) throws Exception {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    long rows = 0;
    while (System.nanoTime() < deadline) {
      rows = rowsOrZero(warehouse, uri, table);
      if (rows >= expected) return;
      Thread.sleep(500);
    }
    throw new AssertionError(table + " has " + rows + " of " + expected + " rows after " + timeoutSeconds + " s; log:\n" + LogproProcess.tail(log));
  }

  /** Every row's source (partition, offset) appears once; returns how many rows. */
  static long assertEachSourceRowOnce(TableReader table) {
    Set<String> seen = new HashSet<>();
    long rows = 0;
    for (Record r : table.records()) {
      rows++;
      String id = r.getField("_partition") + "@" + r.getField("_offset");
      assertThat(seen.add(id)).as("%s is in the table twice", id).isTrue();
    }
    return rows;
  }
}
