package io.logpro.postgres;

import static io.logpro.postgres.ArrowRows.INT64;
import static io.logpro.postgres.ArrowRows.UTF8;
import static io.logpro.postgres.ArrowRows.field;
import static io.logpro.postgres.ArrowRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** create_table: the table, its schema and its primary key come from the first batch. */
class CreateTableIT extends SinkTestBase {
  private static final Schema KEYED = schema(ArrowRows.key("tenant", UTF8), ArrowRows.key("id", INT64), field("name", UTF8));

  private static List<String> primaryKey(String table) throws Exception {
    return column("SELECT a.attname::text FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
        + " WHERE i.indrelid = '" + table + "'::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)", String.class);
  }

  @Test
  void upsertCreatesThePrimaryKeyOnTheKeyColumns() throws Exception {
    String table = "fresh_schema.orders";
    PostgresSink sink = open(ArrowRows.config(db, table, "mode", "upsert"));
    write(sink, batch(KEYED, rows(new Object[] {"acme", 1L, "a"}), 1));
    sink.commit(at(1));

    assertThat(primaryKey(table)).containsExactly("tenant", "id");
    assertThat(textRows("SELECT tenant, id, name FROM " + table)).containsExactly("acme|1|a");
  }

  @Test
  void aConfiguredKeyWinsOverTheMetadata() throws Exception {
    String table = newTable();
    PostgresSink sink = open(ArrowRows.config(db, table, "mode", "cdc", "key", List.of("id")));
    write(sink, batch(schema(ArrowRows.key("tenant", UTF8), field("id", INT64), field("_op", UTF8)), rows(new Object[] {"x", 1L, "c"}), 1));
    sink.commit(at(1));

    assertThat(primaryKey(table)).containsExactly("id");
  }

  @Test
  void appendCreatesNoPrimaryKeyUnlessAKeyIsConfigured() throws Exception {
    String plain = newTable();
    PostgresSink sink = open(ArrowRows.config(db, plain));
    write(sink, batch(KEYED, rows(new Object[] {"acme", 1L, "a"}, new Object[] {"acme", 1L, "a"}), 1));
    sink.commit(at(1));
    assertThat(primaryKey(plain)).isEmpty();
    assertThat(db.value("SELECT count(*) FROM " + plain)).isEqualTo(2L);

    String keyed = newTable();
    PostgresSink withKey = open(ArrowRows.config(db, keyed, "key", List.of("id")));
    write(withKey, batch(KEYED, rows(new Object[] {"acme", 1L, "a"}), 1));
    withKey.commit(at(1));
    assertThat(primaryKey(keyed)).containsExactly("id");
  }

  @Test
  void upsertFindsTheKeyInAnExistingTablesPrimaryKey() throws Exception {
    String table = newTable();
    db.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, name text)");
    PostgresSink sink = open(ArrowRows.config(db, table, "mode", "upsert"));
    Schema unmarked = schema(field("ID", INT64), field("name", UTF8));
    write(sink, batch(unmarked, rows(new Object[] {1L, "a"}, new Object[] {1L, "b"}), 1));
    sink.commit(at(1));

    assertThat(textRows("SELECT id, name FROM " + table)).containsExactly("1|b");
  }

  @Test
  void withoutCreateTableAMissingTableIsAnError() throws Exception {
    PostgresSink sink = open(ArrowRows.config(db, newTable(), "create_table", false));
    var batch = batch(KEYED, rows(new Object[] {"a", 1L, "b"}), 1);
    assertThatThrownBy(() -> write(sink, batch)).hasMessageContaining("does not exist and create_table is false");
  }
}
