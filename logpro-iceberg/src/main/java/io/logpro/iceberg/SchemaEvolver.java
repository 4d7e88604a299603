package io.logpro.iceberg;

import io.logpro.api.Batch;
import io.logpro.api.sink.SinkContext;
import io.logpro.iceberg.schema.RescuedJson;
import io.logpro.iceberg.schema.SchemaComparison;
import io.logpro.iceberg.schema.SchemaComparison.Change;
import io.logpro.iceberg.schema.SchemaComparison.Plan;
import io.logpro.iceberg.schema.SchemaPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.TransferPair;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits each batch to the table under the sink's {@link SchemaPolicy}: commits the schema changes
 * the batch needs (before any data that uses them, so field ids are fixed before files carry
 * them), sends the rows that cannot be written to the dead-letter output, and hands the sink the
 * columns and rows to write. The plan is cached per (Arrow schema, table schema id); the table is
 * refreshed before acting on a difference, so a change another writer already made is not made twice.
 */
final class SchemaEvolver {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaEvolver.class);
  static final int UPDATE_ATTEMPTS = 10;

  private final SchemaPolicy policy;
  private final String tableName;
  private final SinkContext context;
  private final AtomicLong schemaChanges = new AtomicLong();
  private org.apache.arrow.vector.types.pojo.Schema lastArrow;
  private int lastSchemaId = -1;
  private Plan lastPlan;

  SchemaEvolver(SchemaPolicy policy, String tableName, SinkContext context) {
    this.policy = policy;
    this.tableName = tableName;
    this.context = context;
  }

  /** Schema changes this sink committed (columns added, columns widened). */
  long schemaChanges() {
    return schemaChanges.get();
  }

  /**
   * What to write of a batch: {@code root} (null when no row is left) and vectors made here,
   * which {@link #close} releases; the batch's own vectors are never closed here.
   */
  record Prepared(VectorSchemaRoot root, List<AutoCloseable> owned) implements AutoCloseable {
    static final Prepared NOTHING = new Prepared(null, List.of());

    @Override
    public void close() {
      for (AutoCloseable c : owned) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  Prepared prepare(Batch batch, Table table) {
    VectorSchemaRoot root = batch.root();
    int n = root.getRowCount();
    Plan plan = plan(root.getSchema(), table);
    if (plan.rejectAll() != null) {
      for (int r = 0; r < n; r++) context.reject(batch, r, plan.rejectAll());
      return Prepared.NOTHING;
    }
    boolean[] rejected = null;
    int rejectedCount = 0;
    for (Map.Entry<String, String> e : plan.unsafe().entrySet()) {
      FieldVector v = root.getVector(e.getKey());
      for (int r = 0; r < n; r++) {
        if (v.isNull(r) || (rejected != null && rejected[r])) continue;
        if (rejected == null) rejected = new boolean[n];
        rejected[r] = true;
        rejectedCount++;
        context.reject(batch, r, e.getValue());
      }
    }
    for (String column : plan.requiredColumns()) {
      FieldVector v = root.getVector(column);
      if (v.getNullCount() == 0) continue;
      String reason = "null in required column " + column + " of table " + tableName;
      for (int r = 0; r < n; r++) {
        if (!v.isNull(r) || (rejected != null && rejected[r])) continue;
        if (rejected == null) rejected = new boolean[n];
        rejected[r] = true;
        rejectedCount++;
        context.reject(batch, r, reason);
      }
    }
    if (rejectedCount == n) return Prepared.NOTHING;
    if (plan.writesAsIs() && rejected == null) return new Prepared(root, List.of());

    List<AutoCloseable> owned = new ArrayList<>();
    try {
      List<FieldVector> vectors = new ArrayList<>();
      List<FieldVector> rescued = new ArrayList<>();
      for (FieldVector v : root.getFieldVectors()) {
        if (plan.rescued().contains(v.getName())) rescued.add(v);
        else if (!plan.unsafe().containsKey(v.getName())) vectors.add(v);
      }
      if (!rescued.isEmpty()) {
        var column = RescuedJson.column(SchemaComparison.RESCUED_DATA, rescued, n, context.allocator());
        owned.add(column);
        vectors.add(column);
      }
      // A view over the batch's vectors: not closed (that would close the batch's vectors).
      List<Field> fields = vectors.stream().map(FieldVector::getField).toList();
      VectorSchemaRoot view = new VectorSchemaRoot(fields, vectors, n);
      if (rejected == null) return new Prepared(view, owned);
      VectorSchemaRoot kept = keep(view, rejected, n - rejectedCount, context.allocator());
      owned.add(kept);
      return new Prepared(kept, owned);
    } catch (RuntimeException e) {
      new Prepared(null, owned).close();
      throw e;
    }
  }

  /** A copy of the rows of {@code view} not marked in {@code rejected}. */
  private static VectorSchemaRoot keep(VectorSchemaRoot view, boolean[] rejected, int count, BufferAllocator allocator) {
    List<FieldVector> out = new ArrayList<>();
    try {
      for (FieldVector v : view.getFieldVectors()) {
        FieldVector copy = v.getField().createVector(allocator);
        out.add(copy);
        copy.setInitialCapacity(count);
        copy.allocateNew();
        TransferPair tp = v.makeTransferPair(copy);
        int to = 0;
        for (int r = 0; r < rejected.length; r++) {
          if (!rejected[r]) tp.copyValueSafe(r, to++);
        }
        copy.setValueCount(count);
      }
    } catch (RuntimeException e) {
      out.forEach(ValueVector::close);
      throw e;
    }
    return new VectorSchemaRoot(out.stream().map(FieldVector::getField).toList(), out, count);
  }

  /** The plan for batches of {@code arrow}, after committing the table changes it needs. */
  private Plan plan(org.apache.arrow.vector.types.pojo.Schema arrow, Table table) {
    if (lastPlan != null && table.schema().schemaId() == lastSchemaId && arrow.equals(lastArrow)) return lastPlan;
    Plan plan = compare(arrow, table);
    if (!plan.writesAsIs()) {
      table.refresh(); // act on the table as it is now: another writer may have evolved it already
      plan = compare(arrow, table);
    }
    for (int attempt = 0; !plan.changes().isEmpty(); attempt++) {
      if (attempt == UPDATE_ATTEMPTS) {
        throw new IllegalStateException("cannot change the schema of table " + tableName + " after " + attempt
            + " attempts (other writers keep changing it): " + plan.changes().stream().map(Change::describe).toList());
      }
      try {
        apply(table, plan.changes());
      } catch (CommitFailedException | CommitStateUnknownException e) {
        // Another writer committed first (perhaps the same change); look again at the refreshed table.
        LOG.debug("schema change of {} not committed, retrying: {}", tableName, e.getMessage());
        IcebergCatalogs.sleep(Math.min(1000, 20L << attempt) + ThreadLocalRandom.current().nextLong(20));
      }
      table.refresh();
      plan = compare(arrow, table);
    }
    lastArrow = arrow;
    lastSchemaId = table.schema().schemaId();
    lastPlan = plan;
    return plan;
  }

  private Plan compare(org.apache.arrow.vector.types.pojo.Schema arrow, Table table) {
    return SchemaComparison.compare(arrow, table.schema(), policy, tableName);
  }

  private void apply(Table table, List<Change> changes) {
    UpdateSchema update = table.updateSchema();
    for (Change c : changes) {
      switch (c) {
        case Change.AddColumn a -> update.addColumn(a.parent(), a.name(), a.type());
        case Change.Widen w -> update.updateColumn(w.path(), w.to());
      }
    }
    update.commit();
    for (Change c : changes) {
      LOG.info("table {}: {} (schema_evolution: {})", tableName, c.describe(), policy.configName());
      schemaChanges.incrementAndGet();
    }
  }
}
