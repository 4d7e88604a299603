package io.logpro.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.config.ConfigException;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.config.MapConfig;
import io.logpro.api.sink.SinkFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class PostgresSinkFactoryTest {

  private static PostgresSinkSettings settings(Object... pairs) {
    Map<String, Object> m = new HashMap<>(Map.of("url", "jdbc:postgresql://db:5432/replica", "table", "public.orders"));
    for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], pairs[i + 1]);
    return PostgresSinkFactory.settings(MapConfig.of(PostgresSinkFactory.SPEC, m));
  }

  @Test
  void isRegisteredAsPostgres() {
    assertThat(ServiceLoader.load(SinkFactory.class).stream().map(p -> p.get().type())).contains("postgres");
  }

  @Test
  void everyFieldHasADocAndThePasswordIsSecret() {
    assertThat(PostgresSinkFactory.SPEC.fields()).extracting(FieldSpec::doc).allMatch(d -> !d.isBlank());
    assertThat(PostgresSinkFactory.SPEC.field("password")).get().extracting(FieldSpec::secret).isEqualTo(true);
    assertThat(PostgresSinkFactory.SPEC.field("retry")).isPresent();
  }

  @Test
  void defaultsAreAppendWithCreateAndEvolveAndTheLogproOffsetsTable() {
    PostgresSinkSettings s = settings();
    assertThat(s.mode()).isEqualTo(WriteMode.APPEND);
    assertThat(s.createTable()).isTrue();
    assertThat(s.evolveSchema()).isTrue();
    assertThat(s.offsetsTable()).isEqualTo(new TableName("logpro", "offsets"));
    assertThat(s.table()).isEqualTo(new TableName("public", "orders"));
    assertThat(s.key()).isEmpty();
    assertThat(s.insertBatchRows()).isEqualTo(1000);
    assertThat(s.retry().maxAttempts()).isEqualTo(10);
  }

  @Test
  void readsEveryField() {
    PostgresSinkSettings s = settings("mode", "cdc", "key", List.of("id", "tenant"), "user", "u", "password", "p", "columns", List.of("id"),
        "exclude", "x", "offsets_table", "ops.positions", "insert_batch_rows", 1, "create_table", false, "evolve_schema", "no",
        "retry", Map.of("max_attempts", 3, "initial_backoff", "1s"));
    assertThat(s.mode()).isEqualTo(WriteMode.CDC);
    assertThat(s.key()).containsExactly("id", "tenant");
    assertThat(s.columns()).containsExactly("id");
    assertThat(s.exclude()).containsExactly("x");
    assertThat(s.offsetsTable()).isEqualTo(new TableName("ops", "positions"));
    assertThat(s.insertBatchRows()).isEqualTo(1);
    assertThat(s.createTable()).isFalse();
    assertThat(s.evolveSchema()).isFalse();
    assertThat(s.retry().maxAttempts()).isEqualTo(3);
    assertThat(s.retry().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aTableWithoutSchemaIsInPublicAndOneWithTwoDotsIsAnError() {
    assertThat(settings("table", "orders").table()).isEqualTo(new TableName("public", "orders"));
    assertThatThrownBy(() -> settings("table", "a.b.c")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("postgres.table").hasMessageContaining("expected schema.table");
  }

  @Test
  void rejectsANonPostgresUrlAndZeroBatchRows() {
    assertThatThrownBy(() -> settings("url", "jdbc:mysql://x/y")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("postgres.url").hasMessageContaining("jdbc:postgresql://");
    assertThatThrownBy(() -> settings("insert_batch_rows", 0)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("insert_batch_rows");
  }

  @Test
  void anEmptyPasswordMeansNone() {
    assertThat(settings("password", "").password()).isNull();
  }

  @Test
  void neverShowsThePasswordOrTheUrlQuery() {
    PostgresSinkSettings s = settings("password", "hunter2", "url", "jdbc:postgresql://db/x?password=hunter2");
    assertThat(s.toString()).doesNotContain("hunter2");
  }
}
