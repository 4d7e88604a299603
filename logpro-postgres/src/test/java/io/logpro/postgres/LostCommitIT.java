package io.logpro.postgres;

import static io.logpro.postgres.ArrowRows.INT64;
import static io.logpro.postgres.ArrowRows.UTF8;
import static io.logpro.postgres.ArrowRows.field;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The connection breaks at COMMIT. Before the server got it, the sink must replay the batches;
 * after (the answer lost), it must not: the offsets row's commit id tells the two apart. Append
 * mode, where a wrong guess would show as missing or doubled rows.
 */
class LostCommitIT extends SinkTestBase {
  private static final Schema ROWS = schema(field("id", INT64), field("name", UTF8));

  @ParameterizedTest
  @EnumSource(value = CuttingProxy.Cut.class, names = {"BEFORE_COMMIT", "AFTER_COMMIT"})
  void aCommitWhoseConnectionBrokeIsNeitherLostNorDoubled(CuttingProxy.Cut cut) throws Exception {
    String table = newTable();
    try (CuttingProxy proxy = new CuttingProxy()) {
      Map<String, Object> config = ArrowRows.config(db, table);
      // prepareThreshold=0: the driver sends COMMIT as text every time (not as a prepared statement), so the proxy sees it.
      config.put("url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.name + "?prepareThreshold=0");
      PostgresSink sink = open(config, new RecordingContext("lost-" + cut.ordinal(), "t", allocator));
      List<Object[]> rows = new ArrayList<>();
      for (long i = 0; i < 100; i++) rows.add(new Object[] {i, "r" + i});
      write(sink, batch(ROWS, rows.subList(0, 50), 1));
      sink.commit(at(1));
      write(sink, batch(ROWS, rows.subList(50, 100), 2));

      proxy.cutNextCommit(cut);
      sink.commit(at(2));

      assertThat(proxy.cutDone()).isTrue();
      assertThat(db.value("SELECT count(*) FROM " + table)).isEqualTo(100L);
      assertThat(db.value("SELECT count(DISTINCT id) FROM " + table)).isEqualTo(100L);
      assertThat(sink.committed()).isEqualTo(at(2));
    }
  }
}
