package io.logpro.postgres;

import static io.logpro.postgres.ArrowRows.INT32;
import static io.logpro.postgres.ArrowRows.INT64;
import static io.logpro.postgres.ArrowRows.UTF8;
import static io.logpro.postgres.ArrowRows.field;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rows the table refuses go to the dead letters with the server's error; the rest of their batch commits. */
class BadRowsIT extends SinkTestBase {
  private static final Schema ROWS = schema(field("id", INT64), field("qty", INT64), field("name", UTF8));

  private static List<Object[]> rowsWithBadOnes(int n, int... bad) {
    List<Object[]> rows = new ArrayList<>();
    for (long i = 0; i < n; i++) rows.add(new Object[] {i, i, "n" + i});
    for (int b : bad) rows.get(b)[1] = -1L; // breaks CHECK (qty >= 0)
    return rows;
  }

  @ParameterizedTest
  @ValueSource(strings = {"append", "upsert", "cdc", "insert"})
  void checkViolationsGoToTheDeadLettersAndTheRestCommits(String mode) throws Exception {
    String table = newTable();
    db.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, qty bigint CHECK (qty >= 0), name text NOT NULL)");
    Schema schema = mode.equals("cdc") ? schema(field("id", INT64), field("qty", INT64), field("name", UTF8), field("_op", UTF8)) : ROWS;
    PostgresSink sink = open(ArrowRows.config(db, table, "mode", mode, "key", List.of("id")));
    List<Object[]> rows = rowsWithBadOnes(1_000, 3, 500, 501, 999);
    if (mode.equals("cdc")) rows = rows.stream().map(r -> new Object[] {r[0], r[1], r[2], "c"}).toList();
    write(sink, batch(schema, rows, 1));
    sink.commit(at(1));

    assertThat(context.rejects).extracting(RecordingContext.Reject::row).containsExactly(3, 500, 501, 999);
    assertThat(context.rejects).allSatisfy(r -> assertThat(r.error()).startsWith("23514: new row for relation").contains("check constraint"));
    assertThat(db.value("SELECT count(*) FROM " + table)).isEqualTo(996L);
    assertThat(db.value("SELECT count(*) FROM " + table + " WHERE id IN (3, 500, 501, 999)")).isEqualTo(0L);
  }

  @Test
  void notNullViolationsAreRejectedRowByRow() throws Exception {
    String table = newTable();
    db.execute("CREATE TABLE " + table + " (id bigint, qty bigint, name text NOT NULL)");
    PostgresSink sink = open(ArrowRows.config(db, table));
    List<Object[]> rows = rowsWithBadOnes(50);
    rows.get(0)[2] = null;
    rows.get(49)[2] = null;
    write(sink, batch(ROWS, rows, 1));
    sink.commit(at(1));

    assertThat(context.rejects).extracting(RecordingContext.Reject::firstColumn).containsExactly("0", "49");
    assertThat(context.rejects.get(0).error()).startsWith("23502: ").contains("\"name\"");
    assertThat(db.value("SELECT count(*) FROM " + table)).isEqualTo(48L);
  }

  @Test
  void aBatchOfOnlyBadRowsCommitsNothingButTheOffsets() throws Exception {
    String table = newTable();
    db.execute("CREATE TABLE " + table + " (id bigint, qty bigint CHECK (qty >= 0), name text)");
    PostgresSink sink = open(ArrowRows.config(db, table), new RecordingContext("only-bad", "t", allocator));
    write(sink, batch(ROWS, rowsWithBadOnes(3, 0, 1, 2), 5));
    sink.commit(at(5));

    assertThat(db.value("SELECT count(*) FROM " + table)).isEqualTo(0L);
    assertThat(sink.committed()).isEqualTo(at(5));
  }

  @Test
  void valuesOutOfTheColumnsRangeAreRejectedBeforeCopy() throws Exception {
    String table = newTable();
    db.execute("CREATE TABLE " + table + " (id bigint, small smallint, u uuid)");
    PostgresSink sink = open(ArrowRows.config(db, table, "evolve_schema", false));
    Schema schema = schema(field("id", INT64), field("small", INT32), field("u", UTF8));
    write(sink, batch(schema, ArrowRows.rows(
        new Object[] {0L, 32_767, "123e4567-e89b-12d3-a456-426614174000"},
        new Object[] {1L, 32_768, null},
        new Object[] {2L, null, "not-a-uuid"},
        new Object[] {3L, -32_768, null}), 1));
    sink.commit(at(1));

    assertThat(context.rejects).extracting(RecordingContext.Reject::firstColumn).containsExactly("1", "2");
    assertThat(context.rejects.get(0).error()).isEqualTo("22003: column small: value 32768 is out of range for type smallint");
    assertThat(context.rejects.get(1).error()).startsWith("22P02: column u: invalid input syntax for type uuid");
    assertThat(textRows("SELECT id, small FROM " + table + " ORDER BY id")).containsExactly("0|32767", "3|-32768");
  }

  @Test
  void aValueTheColumnTypeCannotHoldIsRejectedWithTheServersError() throws Exception {
    String table = newTable();
    db.execute("CREATE TABLE " + table + " (id bigint, code varchar(3), amount numeric(4,2), note text)");
    PostgresSink sink = open(ArrowRows.config(db, table, "evolve_schema", false));
    Schema schema = schema(field("id", INT64), field("code", UTF8), field("amount", new ArrowType.Decimal(10, 2, 128)), field("note", UTF8));
    write(sink, batch(schema, ArrowRows.rows(
        new Object[] {0L, "abc", new java.math.BigDecimal("12.34"), "ok"},
        new Object[] {1L, "abcd", null, "too long"},
        new Object[] {2L, null, new java.math.BigDecimal("123.45"), "overflow"},
        new Object[] {3L, null, null, "nul \u0000 byte"}), 1));
    sink.commit(at(1));

    assertThat(context.rejects).extracting(RecordingContext.Reject::firstColumn).containsExactly("1", "2", "3");
    assertThat(context.rejects.get(0).error()).startsWith("22001: ");
    assertThat(context.rejects.get(1).error()).startsWith("22003: ");
    assertThat(context.rejects.get(2).error()).startsWith("22021: ");
    assertThat(textRows("SELECT id, code, amount FROM " + table)).containsExactly("0|abc|12.34");
  }

  @Test
  void anArrowTypeTheColumnCannotTakeRejectsItsNonNullRows() throws Exception {
    String table = newTable();
    db.execute("CREATE TABLE " + table + " (id bigint, flag integer)");
    PostgresSink sink = open(ArrowRows.config(db, table, "evolve_schema", false));
    Schema schema = schema(field("id", INT64), field("flag", ArrowType.Binary.INSTANCE));
    write(sink, batch(schema, ArrowRows.rows(new Object[] {0L, new byte[] {1}}, new Object[] {1L, null}), 1));
    sink.commit(at(1));

    assertThat(context.rejects).extracting(RecordingContext.Reject::firstColumn).containsExactly("0");
    assertThat(context.rejects.get(0).error()).startsWith("42804: column flag of type integer cannot take Arrow Binary");
    assertThat(textRows("SELECT id, flag FROM " + table)).containsExactly("1|null");
  }

  @Test
  void aUniqueViolationAgainstRowsOfAnEarlierBatchIsRejected() throws Exception {
    String table = newTable();
    db.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, qty bigint, name text)");
    PostgresSink sink = open(ArrowRows.config(db, table, "mode", "append"));
    write(sink, batch(ROWS, rowsWithBadOnes(10), 1));
    write(sink, batch(ROWS, ArrowRows.rows(new Object[] {10L, 1L, "new"}, new Object[] {4L, 1L, "dup"}), 2));
    sink.commit(at(2));

    assertThat(context.rejects).extracting(RecordingContext.Reject::firstColumn).containsExactly("4");
    assertThat(context.rejects.get(0).error()).startsWith("23505: ");
    assertThat(db.value("SELECT count(*) FROM " + table)).isEqualTo(11L);
  }

  @Test
  void withoutASinkContextARejectedRowFailsLoudly() throws Exception {
    String table = newTable();
    db.execute("CREATE TABLE " + table + " (id bigint, qty bigint CHECK (qty >= 0), name text)");
    PostgresSink sink = new PostgresSink(settings(ArrowRows.config(db, table)));
    try {
      sink.open(new io.logpro.api.PipelineContext() {
        @Override
        public String pipelineName() {
          return "plain";
        }

        @Override
        public String componentName() {
          return "t";
        }

        @Override
        public org.apache.arrow.memory.BufferAllocator allocator() {
          return allocator;
        }
      });
      var batch = batch(ROWS, rowsWithBadOnes(2, 1), 1);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> write(sink, batch)).hasMessageContaining("row 1 rejected");
    } finally {
      sink.close();
    }
  }
}
