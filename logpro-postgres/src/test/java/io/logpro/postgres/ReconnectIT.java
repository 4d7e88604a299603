package io.logpro.postgres;

import static io.logpro.postgres.ArrowRows.INT64;
import static io.logpro.postgres.ArrowRows.UTF8;
import static io.logpro.postgres.ArrowRows.field;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A session killed with pg_terminate_backend (what a server restart or a cut network does)
 * between writes and commit: the sink reconnects, replays the uncommitted batches in a new
 * transaction, and the table ends exactly as without the kill.
 */
class ReconnectIT extends SinkTestBase {
  private static final Schema ROWS = schema(ArrowRows.key("id", INT64), field("name", UTF8), field("qty", INT64), field("_op", UTF8));

  /** Three batches with repeated keys, deletes and one bad row (qty < 0, its key changed once in its batch). */
  private List<List<Object[]>> batches() {
    List<List<Object[]>> out = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      List<Object[]> rows = new ArrayList<>();
      for (long i = 0; i < 400; i++) {
        long id = (i * 7 + b * 13) % 300;
        String op = i % 11 == 0 ? "d" : "u";
        rows.add(new Object[] {id, "b" + b + "-" + i, b == 1 && i == 150 ? -1L : i, op});
      }
      out.add(rows);
    }
    return out;
  }

  private List<String> run(String mode, String killAt, RecordingContext ctx) throws Exception {
    String table = newTable();
    String key = mode.equals("cdc") ? " PRIMARY KEY" : ""; // append and insert add every row: repeated ids
    db.execute("CREATE TABLE " + table + " (id bigint" + key + ", name text, qty bigint CHECK (qty >= 0))");
    PostgresSink sink = open(ArrowRows.config(db, table, "mode", mode, "key", List.of("id")), ctx);
    List<List<Object[]>> batches = batches();
    for (int b = 0; b < batches.size(); b++) {
      if (killAt.equals("before-write-" + b)) assertThat(db.terminateSinkSessions(ctx.pipelineName())).isEqualTo(1);
      write(sink, batch(ROWS, batches.get(b), b + 1));
    }
    if (killAt.equals("before-commit")) assertThat(db.terminateSinkSessions(ctx.pipelineName())).isEqualTo(1);
    sink.commit(at(3));
    assertThat(sink.committed()).isEqualTo(at(3));
    return textRows("SELECT id, name, qty FROM " + table + " ORDER BY id, name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"before-commit", "before-write-1", "before-write-2"})
  void aKilledSessionIsReplayedToTheSameTable(String killAt) throws Exception {
    for (String mode : List.of("cdc", "append", "insert")) {
      RecordingContext quiet = new RecordingContext("reference-" + mode + "-" + killAt, "t", allocator);
      List<String> expected = run(mode, "never", quiet);
      RecordingContext killed = new RecordingContext("killed-" + mode + "-" + killAt, "t", allocator);
      List<String> got = run(mode, killAt, killed);

      assertThat(got).as("mode %s, killed %s", mode, killAt).isEqualTo(expected).isNotEmpty();
      assertThat(killed.rejects).as("the bad row is dead-lettered once").hasSize(1);
      assertThat(quiet.rejects).hasSize(1);
    }
  }
}
