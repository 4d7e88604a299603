package io.logpro.postgres;

import io.logpro.postgres.copy.Codecs;
import io.logpro.postgres.copy.PgType;
import io.logpro.postgres.copy.SeqCodec;
import io.logpro.postgres.copy.ValueCodec;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Everything the sink needs to write batches of one schema into the target as it is now: the
 * planned columns, the key, the staging table and the statements. Rebuilt when the batch
 * schema or the table changes.
 */
final class WritePlan {
  private final Schema schema;
  private final List<PlannedColumn> columns;
  private final List<String> key;
  private final int opIndex;
  private final WriteMode mode;
  private final StagingTable.Definition staging;
  private final String statement;
  private final String statementForDistinctKeys;
  private final int integerKeyIndex;
  private final String insert;

  /** {@code keyIndexed}: the target has an index on the key, which MERGE should probe rather than hash the whole table. */
  WritePlan(Schema schema, List<PlannedColumn> columns, List<String> key, int opIndex, WriteMode mode, TableName table,
      boolean keyIndexed) {
    this.schema = schema;
    this.columns = List.copyOf(columns);
    this.key = List.copyOf(key);
    this.opIndex = opIndex;
    this.mode = mode;
    this.staging = StagingTable.define(this.columns, mode);
    String prefix = keyIndexed && mode.needsKey() ? MergeStatements.PROBE_THE_KEY_INDEX : "";
    this.statement = mode == WriteMode.INSERT ? null : prefix + MergeStatements.forMode(mode, table, this.columns, this.key, true);
    this.statementForDistinctKeys = mode == WriteMode.INSERT ? null
        : prefix + MergeStatements.forMode(mode, table, this.columns, this.key, false);
    this.integerKeyIndex = integerKeyIndex(this.columns, this.key, mode);
    this.insert = mode == WriteMode.INSERT ? MergeStatements.insertValues(table, this.columns) : null;
  }

  Schema schema() {
    return schema;
  }

  List<PlannedColumn> columns() {
    return columns;
  }

  /** Key columns by their names in the target. */
  List<String> key() {
    return key;
  }

  WriteMode mode() {
    return mode;
  }

  StagingTable.Definition staging() {
    return staging;
  }

  /** The one statement from staging into the target (INSERT ... SELECT or MERGE). */
  String statement() {
    return statement;
  }

  /** The statement for staged rows without a repeated key: MERGE without DISTINCT ON (append: the same). */
  String statementForDistinctKeys() {
    return statementForDistinctKeys;
  }

  /** The batch index of the key column when the key is one integer column (checked for repeats in Java), else -1. */
  int integerKeyIndex() {
    return integerKeyIndex;
  }

  private static int integerKeyIndex(List<PlannedColumn> columns, List<String> key, WriteMode mode) {
    if (!mode.needsKey() || key.size() != 1) return -1;
    for (PlannedColumn c : columns) {
      if (c.name().equals(key.get(0)) && c.field().getType() instanceof org.apache.arrow.vector.types.pojo.ArrowType.Int) return c.index();
    }
    return -1;
  }

  /** Mode insert: the parameterised INSERT ... VALUES. */
  String insert() {
    return insert;
  }

  /** Whether a batch may need a varchar(n) column widened (a value longer than n): checked per batch. */
  boolean checksLengths() {
    for (PlannedColumn c : columns) {
      if (PgTypes.lengthLimit(c.target().type()) >= 0 && Codecs.isText(c.field().getType())) return true;
    }
    return false;
  }

  /** The encoders of one batch's vectors, in staging column order (then _logpro_seq and _logpro_op when staged). */
  ValueCodec[] codecs(VectorSchemaRoot root) {
    List<ValueCodec> out = new ArrayList<>(columns.size() + 2);
    for (PlannedColumn c : columns) out.add(c.codec().create(root.getVector(c.index())));
    if (staging.hasSeq()) out.add(SeqCodec.INSTANCE);
    if (staging.hasOp()) {
      var op = root.getVector(opIndex);
      Codecs.Factory text = Codecs.factory(op.getField(), PgType.of(io.logpro.postgres.copy.PgOids.TEXT, "text", 'S'));
      if (text == null) throw new IllegalStateException("_op must be a string column, found " + op.getField().getType());
      out.add(text.create(op));
    }
    return out.toArray(ValueCodec[]::new);
  }
}
