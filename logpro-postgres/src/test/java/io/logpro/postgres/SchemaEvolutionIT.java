package io.logpro.postgres;

import static io.logpro.postgres.ArrowRows.INT32;
import static io.logpro.postgres.ArrowRows.INT64;
import static io.logpro.postgres.ArrowRows.UTF8;
import static io.logpro.postgres.ArrowRows.field;
import static io.logpro.postgres.ArrowRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** The table follows the batches: new columns are added, narrow ones widened, and nothing else changes. */
class SchemaEvolutionIT extends SinkTestBase {

  private static String typeOf(String table, String column) throws Exception {
    return (String) db.value("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '" + table
        + "'::regclass AND attname = '" + column + "'");
  }

  @Test
  void aNewBatchColumnIsAddedToTheTable() throws Exception {
    String table = newTable();
    PostgresSink sink = open(ArrowRows.config(db, table, "mode", "upsert", "key", List.of("id")));
    write(sink, batch(schema(field("id", INT64), field("name", UTF8)), rows(new Object[] {1L, "a"}), 1));
    sink.commit(at(1));
    write(sink, batch(schema(field("id", INT64), field("name", UTF8), field("score", new ArrowType.Decimal(8, 3, 128))),
        rows(new Object[] {2L, "b", new BigDecimal("1.500")}, new Object[] {1L, "a2", null}), 2));
    sink.commit(at(2));

    assertThat(typeOf(table, "score")).isEqualTo("numeric(8,3)");
    assertThat(textRows("SELECT id, name, score FROM " + table + " ORDER BY id")).containsExactly("1|a2|null", "2|b|1.500");
  }

  @Test
  void integerWidensToBigintWhenTheBatchCarriesInt64() throws Exception {
    String table = newTable();
    PostgresSink sink = open(ArrowRows.config(db, table));
    write(sink, batch(schema(field("id", INT32), field("v", INT32)), rows(new Object[] {1, 5}), 1));
    sink.commit(at(1));
    assertThat(typeOf(table, "v")).isEqualTo("integer");

    write(sink, batch(schema(field("id", INT32), field("v", INT64)), rows(new Object[] {2, 5_000_000_000L}), 2));
    sink.commit(at(2));

    assertThat(typeOf(table, "v")).isEqualTo("bigint");
    assertThat(textRows("SELECT id, v FROM " + table + " ORDER BY id")).containsExactly("1|5", "2|5000000000");
  }

  @Test
  void realNumericAndVarcharWidenSafely() throws Exception {
    String table = newTable();
    db.execute("CREATE TABLE " + table + " (id int, r real, n numeric(5,2), s varchar(4), short_ok varchar(10))");
    PostgresSink sink = open(ArrowRows.config(db, table));
    Schema schema = schema(field("id", INT32), field("r", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        field("n", new ArrowType.Decimal(12, 4, 128)), field("s", UTF8), field("short_ok", UTF8));
    write(sink, batch(schema, rows(new Object[] {1, 0.1, new BigDecimal("12345678.1234"), "longer than four", "fits"}), 1));
    sink.commit(at(1));

    assertThat(typeOf(table, "r")).isEqualTo("double precision");
    assertThat(typeOf(table, "n")).isEqualTo("numeric(12,4)");
    assertThat(typeOf(table, "s")).isEqualTo("text");
    assertThat(typeOf(table, "short_ok")).as("values that fit change nothing").isEqualTo("character varying(10)");
    assertThat(textRows("SELECT r, n, s FROM " + table)).containsExactly("0.1|12345678.1234|longer than four");
  }

  @Test
  void narrowerBatchTypesLeaveTheTableAlone() throws Exception {
    String table = newTable();
    db.execute("CREATE TABLE " + table + " (id bigint, v double precision)");
    PostgresSink sink = open(ArrowRows.config(db, table));
    write(sink, batch(schema(field("id", INT32), field("v", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE))),
        rows(new Object[] {1, 1.5f}), 1));
    sink.commit(at(1));

    assertThat(typeOf(table, "id")).isEqualTo("bigint");
    assertThat(typeOf(table, "v")).isEqualTo("double precision");
    assertThat(textRows("SELECT id, v FROM " + table)).containsExactly("1|1.5");
  }

  @Test
  void withoutEvolutionAMissingColumnIsAnErrorThatSaysWhatToDo() throws Exception {
    String table = newTable();
    db.execute("CREATE TABLE " + table + " (id bigint)");
    PostgresSink sink = open(ArrowRows.config(db, table, "evolve_schema", false));
    var batch = batch(schema(field("id", INT64), field("extra", UTF8)), rows(new Object[] {1L, "x"}), 1);
    assertThatThrownBy(() -> write(sink, batch)).hasMessageContaining("column extra is not in table")
        .hasMessageContaining("leave it out with exclude");
  }

  @Test
  void anEvolutionRolledBackWithItsTransactionIsRedoneOnReplay() throws Exception {
    String table = newTable();
    PostgresSink sink = open(ArrowRows.config(db, table));
    write(sink, batch(schema(field("id", INT32)), rows(new Object[] {1}), 1));
    sink.commit(at(1));
    write(sink, batch(schema(field("id", INT32), field("added", UTF8)), rows(new Object[] {2, "x"}), 2));
    assertThat(db.terminateSinkSessions(context.pipelineName())).isEqualTo(1);
    sink.commit(at(2));

    assertThat(textRows("SELECT id, added FROM " + table + " ORDER BY id")).containsExactly("1|null", "2|x");
  }
}
