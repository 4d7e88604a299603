package io.logpro.postgres;

import static io.logpro.postgres.ArrowRows.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.postgres.copy.PgType;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

class MergeStatementsTest {
  private static final TableName T = new TableName("public", "orders");

  private static PlannedColumn column(int index, String name, ArrowType arrow, PgType type) {
    return WritePlanner.plan(index, field(name, arrow), new TargetTable.Column(name, type, false));
  }

  private static final List<PlannedColumn> COLUMNS = List.of(
      column(0, "id", new ArrowType.Int(64, true), PgType.of(20, "bigint", 'N')),
      column(1, "ip", ArrowType.Utf8.INSTANCE, PgType.of(869, "inet", 'I')),
      column(2, "name", ArrowType.Utf8.INSTANCE, PgType.of(25, "text", 'S')));

  @Test
  void appendIsOneInsertSelectWithCastsWhereNeeded() {
    assertThat(MergeStatements.append(T, COLUMNS)).isEqualTo("INSERT INTO \"public\".\"orders\" (\"id\", \"ip\", \"name\")"
        + " SELECT s.\"id\", CAST(s.\"ip\" AS inet), s.\"name\" FROM pg_temp.logpro_stage s");
  }

  @Test
  void upsertMergesTheLastRowOfEachKey() {
    assertThat(MergeStatements.merge(T, COLUMNS, List.of("id"), false, true)).isEqualTo(
        "MERGE INTO \"public\".\"orders\" t USING (SELECT DISTINCT ON (\"id\") * FROM pg_temp.logpro_stage"
            + " ORDER BY \"id\", _logpro_seq DESC) s ON t.\"id\" = s.\"id\""
            + " WHEN MATCHED THEN UPDATE SET \"ip\" = CAST(s.\"ip\" AS inet), \"name\" = s.\"name\""
            + " WHEN NOT MATCHED THEN INSERT (\"id\", \"ip\", \"name\") VALUES (s.\"id\", CAST(s.\"ip\" AS inet), s.\"name\")");
  }

  @Test
  void rowsWithoutRepeatedKeysMergeWithoutASort() {
    assertThat(MergeStatements.merge(T, COLUMNS, List.of("id"), true, false))
        .startsWith("MERGE INTO \"public\".\"orders\" t USING pg_temp.logpro_stage s ON t.\"id\" = s.\"id\" WHEN MATCHED AND")
        .doesNotContain("DISTINCT ON");
  }

  @Test
  void cdcDeletesOnDAndNeverInsertsADelete() {
    String sql = MergeStatements.merge(T, COLUMNS, List.of("id"), true, true);
    assertThat(sql).contains(" WHEN MATCHED AND s._logpro_op = 'd' THEN DELETE WHEN MATCHED THEN UPDATE SET ")
        .contains(" WHEN NOT MATCHED AND s._logpro_op IS DISTINCT FROM 'd' THEN INSERT ");
  }

  @Test
  void aTableOfOnlyKeyColumnsHasNothingToUpdate() {
    assertThat(MergeStatements.merge(T, COLUMNS.subList(0, 1), List.of("id"), false, true)).contains("WHEN MATCHED THEN DO NOTHING");
  }

  @Test
  void aMergeIntoATableWithAKeyIndexProbesTheIndex() {
    var schema = new org.apache.arrow.vector.types.pojo.Schema(COLUMNS.stream().map(PlannedColumn::field).toList());
    WritePlan indexed = new WritePlan(schema, COLUMNS, List.of("id"), -1, WriteMode.UPSERT, T, true);
    WritePlan unindexed = new WritePlan(schema, COLUMNS, List.of("id"), -1, WriteMode.UPSERT, T, false);
    WritePlan append = new WritePlan(schema, COLUMNS, List.of("id"), -1, WriteMode.APPEND, T, true);

    assertThat(indexed.statement()).startsWith("SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; MERGE INTO ");
    assertThat(indexed.statementForDistinctKeys()).startsWith("SET LOCAL enable_hashjoin = off; ");
    assertThat(unindexed.statement()).as("without an index a hash join is the better plan").startsWith("MERGE INTO ");
    assertThat(append.statement()).startsWith("INSERT INTO ");
  }

  @Test
  void insertModeBindsParametersAndCastsOnlyWhereTypesDiffer() {
    assertThat(MergeStatements.insertValues(T, COLUMNS))
        .isEqualTo("INSERT INTO \"public\".\"orders\" (\"id\", \"ip\", \"name\") VALUES (?, CAST(? AS inet), ?)");
  }
}
