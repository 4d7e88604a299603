package io.logpro.postgres;

import static io.logpro.postgres.ArrowRows.INT64;
import static io.logpro.postgres.ArrowRows.UTF8;
import static io.logpro.postgres.ArrowRows.field;
import static io.logpro.postgres.ArrowRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.config.ConfigException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** What append, upsert, cdc and insert do to the target table. */
class WriteModesIT extends SinkTestBase {
  private static final Schema ROWS = schema(ArrowRows.key("id", INT64), field("name", UTF8), field("qty", INT64));
  private static final Schema CHANGES = schema(ArrowRows.key("id", INT64), field("name", UTF8), field("qty", INT64),
      field("_op", UTF8), field("_table", UTF8), field("_source_ts", new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")),
      field("_lsn", INT64));

  private static Object[] change(long id, String name, Long qty, String op) {
    return new Object[] {id, name, qty, op, "public.src", Instant.parse("2024-01-01T00:00:00Z"), 100L + id};
  }

  private static List<String> contents(String table) throws Exception {
    return textRows("SELECT id, name, qty FROM " + table + " ORDER BY id, name");
  }

  @Test
  void appendAddsEveryRowEveryTime() throws Exception {
    String table = newTable();
    PostgresSink sink = open(ArrowRows.config(db, table));
    write(sink, batch(ROWS, rows(new Object[] {1L, "a", 1L}, new Object[] {2L, "b", null}), 1));
    write(sink, batch(ROWS, rows(new Object[] {1L, "a", 1L}), 2));
    sink.commit(at(2));

    assertThat(contents(table)).containsExactly("1|a|1", "1|a|1", "2|b|null");
  }

  @Test
  void upsertInsertsNewKeysAndUpdatesExistingOnes() throws Exception {
    String table = newTable();
    PostgresSink sink = open(ArrowRows.config(db, table, "mode", "upsert"));
    write(sink, batch(ROWS, rows(new Object[] {1L, "a", 1L}, new Object[] {2L, "b", 2L}), 1));
    sink.commit(at(1));
    write(sink, batch(ROWS, rows(new Object[] {2L, "b2", null}, new Object[] {3L, "c", 3L}), 2));
    sink.commit(at(2));

    assertThat(contents(table)).containsExactly("1|a|1", "2|b2|null", "3|c|3");
  }

  @Test
  void upsertOfAKeyUpdatedSeveralTimesInOneBatchKeepsTheLastRow() throws Exception {
    String table = newTable();
    PostgresSink sink = open(ArrowRows.config(db, table, "mode", "upsert", "key", List.of("id")));
    write(sink, batch(ROWS, rows(new Object[] {7L, "first", 1L}), 1));
    sink.commit(at(1));
    write(sink, batch(ROWS, rows(new Object[] {7L, "second", 2L}, new Object[] {8L, "x", 0L}, new Object[] {7L, "third", 3L},
        new Object[] {8L, "y", 1L}, new Object[] {7L, "last", 4L}), 2));
    sink.commit(at(2));

    assertThat(contents(table)).containsExactly("7|last|4", "8|y|1");
  }

  @Test
  void upsertRejectsRowsWithoutAKey() throws Exception {
    String table = newTable();
    db.execute("CREATE TABLE " + table + " (id bigint, name text, qty bigint)"); // no primary key: nulls would not fail by themselves
    PostgresSink sink = open(ArrowRows.config(db, table, "mode", "upsert", "key", List.of("id")));
    write(sink, batch(ROWS, rows(new Object[] {null, "a", 1L}, new Object[] {1L, "b", 2L}, new Object[] {null, "c", 3L}), 1));
    sink.commit(at(1));

    assertThat(context.rejects).extracting(RecordingContext.Reject::row).containsExactly(0, 2);
    assertThat(context.rejects.get(0).error()).isEqualTo("23502: key column id is null");
    assertThat(contents(table)).containsExactly("1|b|2");
  }

  @Test
  void cdcAppliesTheLastChangeOfEachKeyInSourceOrder() throws Exception {
    String table = newTable();
    PostgresSink sink = open(ArrowRows.config(db, table, "mode", "cdc"));
    write(sink, batch(CHANGES, rows(change(1, "snap", 1L, "r"), change(2, "snap", 2L, "r"), change(3, "snap", 3L, "r")), 1));
    sink.commit(at(1));
    write(sink, batch(CHANGES, rows(
        change(1, "u1", 10L, "u"), change(1, "u2", 11L, "u"), change(1, "u3", 12L, "u"), // several updates: the last lands
        change(2, null, null, "d"),                                                      // a delete
        change(4, "new", 4L, "c"), change(4, null, null, "d"),                           // created and deleted in one batch
        change(5, "gone", 5L, "c"), change(5, null, null, "d"), change(5, "back", 6L, "c")), 2)); // deleted, then back
    sink.commit(at(2));

    assertThat(contents(table)).containsExactly("1|u3|12", "3|snap|3", "5|back|6");
  }

  @Test
  void cdcDeleteRemovesTheRowWhoseOtherColumnsAreNull() throws Exception {
    String table = newTable();
    PostgresSink sink = open(ArrowRows.config(db, table, "mode", "cdc"));
    write(sink, batch(CHANGES, rows(change(1, "a", 1L, "c"), change(2, "b", 2L, "c")), 1));
    sink.commit(at(1));
    write(sink, batch(CHANGES, rows(change(1, null, null, "d"), change(9, null, null, "d")), 2)); // 9 was never there
    sink.commit(at(2));

    assertThat(contents(table)).containsExactly("2|b|2");
  }

  @Test
  void cdcMetadataColumnsAreNotWrittenUnlessListed() throws Exception {
    String plain = newTable();
    PostgresSink sink = open(ArrowRows.config(db, plain, "mode", "cdc"));
    write(sink, batch(CHANGES, rows(change(1, "a", 1L, "c")), 1));
    sink.commit(at(1));
    assertThat(column("SELECT attname::text FROM pg_attribute WHERE attrelid = '" + plain + "'::regclass AND attnum > 0 ORDER BY attnum",
        String.class)).containsExactly("id", "name", "qty");

    String withTs = newTable();
    PostgresSink listed = open(ArrowRows.config(db, withTs, "mode", "cdc", "columns", List.of("id", "name", "_source_ts", "_op")));
    write(listed, batch(CHANGES, rows(change(1, "a", 1L, "c")), 1));
    listed.commit(at(1));
    assertThat(textRows("SELECT id, name, _source_ts AT TIME ZONE 'UTC', _op FROM " + withTs)).containsExactly("1|a|2024-01-01 00:00:00.0|c");
  }

  @Test
  void upsertWithoutAnyKeyIsAConfigErrorNamingTheField() throws Exception {
    PostgresSink sink = open(ArrowRows.config(db, newTable(), "mode", "upsert"));
    Schema noKey = schema(field("id", INT64), field("name", UTF8));
    var batch = batch(noKey, rows(new Object[] {1L, "a"}), 1);
    assertThatThrownBy(() -> write(sink, batch)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("postgres.key").hasMessageContaining("mode upsert needs key columns");
  }

  @Test
  void insertModeInBatchesAndRowByRowWritesWhatAppendWrites() throws Exception {
    List<Object[]> input = new ArrayList<>();
    for (long i = 0; i < 2_500; i++) input.add(new Object[] {i, i % 7 == 0 ? null : "n" + i, i * 3});
    List<String> expected = null;
    for (Object[] settings : new Object[][] {{"mode", "append"}, {"mode", "insert"}, {"mode", "insert", "insert_batch_rows", 1}}) {
      String table = newTable();
      PostgresSink sink = open(ArrowRows.config(db, table, settings));
      write(sink, batch(ROWS, input.subList(0, 1_000), 1));
      write(sink, batch(ROWS, input.subList(1_000, input.size()), 2));
      sink.commit(at(2));
      List<String> got = contents(table);
      assertThat(got).hasSize(input.size());
      if (expected == null) expected = got;
      assertThat(got).as("mode %s", List.of(settings)).isEqualTo(expected);
    }
  }

  @Test
  void namesKeepTheirCaseAndOddCharacters() throws Exception {
    String table = "public.\"Mixed Case\"";
    PostgresSink sink = open(ArrowRows.config(db, "public.Mixed Case", "mode", "upsert", "key", List.of("Trip ID")));
    Schema odd = schema(field("Trip ID", INT64), field("say \"hi\"", UTF8));
    write(sink, batch(odd, rows(new Object[] {1L, "x"}, new Object[] {1L, "y"}), 1));
    sink.commit(at(1));

    assertThat(textRows("SELECT \"Trip ID\", \"say \"\"hi\"\"\" FROM " + table)).containsExactly("1|y");
  }
}
