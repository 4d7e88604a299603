package io.logpro.postgres;

import static io.logpro.postgres.ArrowRows.INT64;
import static io.logpro.postgres.ArrowRows.UTF8;
import static io.logpro.postgres.ArrowRows.field;
import static io.logpro.postgres.ArrowRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** The offsets protocol: positions commit with the rows, per pipeline and sink; nothing uncommitted stays. */
class CommitIT extends SinkTestBase {
  private static final Schema ROWS = schema(field("id", INT64), field("name", UTF8));

  @Test
  void committedReturnsWhatTheLastCommitStored() throws Exception {
    String table = newTable();
    RecordingContext ctx = new RecordingContext("orders", "replica", allocator);
    PostgresSink sink = open(ArrowRows.config(db, table), ctx);
    assertThat(sink.committed()).isEqualTo(Checkpoint.empty());
    write(sink, batch(ROWS, rows(new Object[] {1L, "a"}), 1));
    sink.commit(Checkpoint.of(Position.of("p", 1), Position.of("q", 7)));
    write(sink, batch(ROWS, rows(new Object[] {2L, "b"}), 2));
    sink.commit(at(2));
    sink.close();

    PostgresSink reopened = open(ArrowRows.config(db, table), new RecordingContext("orders", "replica", allocator));
    assertThat(reopened.committed()).isEqualTo(Checkpoint.of(Position.of("p", 2), Position.of("q", 7)));
    assertThat(textRows("SELECT pipeline, sink, checkpoint FROM logpro.offsets WHERE pipeline = 'orders'"))
        .containsExactly("orders|replica|[{\"p\":\"p\",\"s\":2},{\"p\":\"q\",\"s\":7}]");
  }

  @Test
  void closeWithoutCommitLeavesNeitherRowsNorPositions() throws Exception {
    String table = newTable();
    PostgresSink sink = open(ArrowRows.config(db, table), new RecordingContext("rollback", "t", allocator));
    write(sink, batch(ROWS, rows(new Object[] {1L, "kept"}), 1));
    sink.commit(at(1));
    write(sink, batch(ROWS, rows(new Object[] {2L, "lost"}, new Object[] {3L, "lost"}), 2));
    assertThat(db.value("SELECT count(*) FROM " + table)).as("uncommitted rows are invisible").isEqualTo(1L);
    sink.close();

    assertThat(textRows("SELECT id, name FROM " + table)).containsExactly("1|kept");
    PostgresSink reopened = open(ArrowRows.config(db, table), new RecordingContext("rollback", "t", allocator));
    assertThat(reopened.committed()).isEqualTo(at(1));
  }

  @Test
  void anUncommittedCreatedTableDisappearsWithItsRows() throws Exception {
    String table = newTable();
    PostgresSink sink = open(ArrowRows.config(db, table), new RecordingContext("never", "t", allocator));
    write(sink, batch(ROWS, rows(new Object[] {1L, "a"}), 1));
    sink.close();

    assertThat(db.value("SELECT to_regclass('" + table + "') IS NULL")).isEqualTo(true);
    assertThat(open(ArrowRows.config(db, table), new RecordingContext("never", "t", allocator)).committed()).isEqualTo(Checkpoint.empty());
  }

  @Test
  void sinksOfOnePipelineKeepTheirOwnPositions() throws Exception {
    String table = newTable();
    PostgresSink a = open(ArrowRows.config(db, table), new RecordingContext("shared", "a", allocator));
    PostgresSink b = open(ArrowRows.config(db, table), new RecordingContext("shared", "b", allocator));
    write(a, batch(ROWS, rows(new Object[] {1L, "a"}), 3));
    a.commit(at(3));
    write(b, batch(ROWS, rows(new Object[] {2L, "b"}), 9));
    b.commit(at(9));

    assertThat(a.committed()).isEqualTo(at(3));
    assertThat(b.committed()).isEqualTo(at(9));
  }

  @Test
  void aCommitWithoutRowsStillAdvancesThePositions() throws Exception {
    PostgresSink sink = open(ArrowRows.config(db, newTable()), new RecordingContext("empty", "t", allocator));
    sink.commit(at(42));
    assertThat(sink.committed()).isEqualTo(at(42));
  }

  @Test
  void theOffsetsTableCanLiveElsewhere() throws Exception {
    String table = newTable();
    PostgresSink sink = open(ArrowRows.config(db, table, "offsets_table", "ops.sink_positions"), new RecordingContext("elsewhere", "t", allocator));
    write(sink, batch(ROWS, rows(new Object[] {1L, "a"}), 4));
    sink.commit(at(4));

    assertThat(textRows("SELECT pipeline, checkpoint FROM ops.sink_positions")).containsExactly("elsewhere|[{\"p\":\"p\",\"s\":4}]");
  }
}
