package io.logpro.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads an Iceberg table back with Iceberg's own generic reader: for tests in other modules and
 * for the CLI's summary. Not for large tables: it materialises records.
 */
public final class TableReader {
  private final Table table;

  public TableReader(Table table) {
    this.table = table;
  }

  /** Opens {@code name} ("namespace.table") in {@code catalog}. */
  public static TableReader of(Catalog catalog, String name) {
    return new TableReader(catalog.loadTable(IcebergCatalogs.tableId(name)));
  }

  public Table table() {
    return table;
  }

  /** Rows in the current snapshot, from the snapshot summary when present. */
  public long rowCount() {
    table.refresh();
    var s = table.currentSnapshot();
    if (s == null) return 0;
    String total = s.summary().get("total-records");
    if (total != null) return Long.parseLong(total);
    long n = 0;
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      for (Record ignored : rows) n++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }

  /** Sum of a numeric top-level column over all rows; nulls count as nothing. */
  public double sum(String column) {
    double total = 0;
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).select(column).build()) {
      for (Record r : rows) {
        Object v = r.getField(column);
        if (v instanceof Number n) total += n.doubleValue();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return total;
  }

  /** Every row of the current snapshot, in file order. */
  public List<Record> records() {
    table.refresh();
    List<Record> out = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      for (Record r : rows) out.add(r.copy());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
