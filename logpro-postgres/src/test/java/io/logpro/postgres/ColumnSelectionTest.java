package io.logpro.postgres;

import static io.logpro.postgres.ArrowRows.INT64;
import static io.logpro.postgres.ArrowRows.UTF8;
import static io.logpro.postgres.ArrowRows.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.config.ConfigException;
import io.logpro.api.config.MapConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class ColumnSelectionTest {
  private static final Schema CDC = new Schema(List.of(ArrowRows.key("id", INT64), field("name", UTF8), field("_op", UTF8),
      field("_table", UTF8), field("_source_ts", INT64), field("_tx_id", UTF8), field("_lsn", INT64)));

  private static PostgresSinkSettings settings(Object... pairs) {
    Map<String, Object> m = new HashMap<>(Map.of("url", "jdbc:postgresql://db/x", "table", "t"));
    for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], pairs[i + 1]);
    return PostgresSinkFactory.settings(MapConfig.of(PostgresSinkFactory.SPEC, m));
  }

  @Test
  void cdcMetadataIsLeftOutAndTheKeyComesFromTheMetadata() {
    ColumnSelection s = ColumnSelection.of(CDC, settings("mode", "cdc"), null);
    assertThat(s.written()).containsExactly(0, 1);
    assertThat(s.key()).containsExactly("id");
    assertThat(s.opIndex()).isEqualTo(2);
  }

  @Test
  void listedColumnsAreWrittenInTheirOrderMetadataIncluded() {
    ColumnSelection s = ColumnSelection.of(CDC, settings("mode", "cdc", "columns", List.of("_source_ts", "id", "name")), null);
    assertThat(s.written()).containsExactly(4, 0, 1);
  }

  @Test
  void excludedColumnsAreLeftOut() {
    assertThat(ColumnSelection.of(CDC, settings("exclude", List.of("name")), null).written()).containsExactly(0);
  }

  @Test
  void appendNeedsNoKeyAndIgnoresTheMetadata() {
    assertThat(ColumnSelection.of(CDC, settings(), null).key()).isEmpty();
  }

  @Test
  void upsertWithoutAKeyNamesTheKeyField() {
    Schema plain = new Schema(List.of(field("id", INT64)));
    assertThatThrownBy(() -> ColumnSelection.of(plain, settings("mode", "upsert"), null)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("postgres.key").hasMessageContaining("mode upsert needs key columns").hasMessageContaining("key: [id]");
  }

  @Test
  void aKeyThatIsNotWrittenOrNotThereIsAnError() {
    assertThatThrownBy(() -> ColumnSelection.of(CDC, settings("mode", "upsert", "key", List.of("nope")), null))
        .hasMessageContaining("key column nope is not in the batch");
    assertThatThrownBy(() -> ColumnSelection.of(CDC, settings("mode", "upsert", "exclude", List.of("id")), null))
        .hasMessageContaining("must be written");
  }

  @Test
  void cdcWithoutAnOpColumnIsAnError() {
    Schema noOp = new Schema(List.of(ArrowRows.key("id", INT64)));
    assertThatThrownBy(() -> ColumnSelection.of(noOp, settings("mode", "cdc"), null)).hasMessageContaining("needs an _op column");
  }

  @Test
  void aListedColumnMissingFromTheBatchIsAnError() {
    assertThatThrownBy(() -> ColumnSelection.of(CDC, settings("columns", List.of("id", "ghost")), null))
        .hasMessageContaining("column ghost is not in the batch");
  }
}
