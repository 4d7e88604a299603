package io.logpro.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.config.ConfigException;
import io.logpro.core.ComponentRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineLoaderTest {
  private final ComponentRegistry registry = ComponentRegistry.load();

  private PipelineDefinition load(String yaml, Map<String, String> env) {
    return new PipelineLoader(registry, new Interpolator(env::get)).load(yaml, "p.yaml");
  }

  private static final String MINIMAL = """
      pipeline: p
      source: {type: counting, count: 3}
      sinks:
        out: {type: memory, table: t}
      """;

  @Test
  void appliesDefaultsOfEveryBlock() {
    PipelineDefinition d = load(MINIMAL, Map.of());
    assertThat(d.engine().batchRows()).isEqualTo(32_768);
    assertThat(d.reliability().commitInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.dlq().type()).isEqualTo("file");
    assertThat(d.dlq().string("path")).isEqualTo("./lakehouse/_dlq/p");
  }

  @Test
  void interpolatesVariablesAndTypesTheResult() {
    PipelineDefinition d = load(MINIMAL.replace("count: 3", "count: ${N}") + "engine:\n  batch_rows: ${ROWS:-100}\n", Map.of("N", "12"));
    assertThat(d.source().longValue("count")).isEqualTo(12);
    assertThat(d.engine().batchRows()).isEqualTo(100);
  }

  @Test
  void escapedDollarBraceStaysLiteral() {
    assertThat(new Interpolator(k -> null).interpolate("a$${B}c")).isEqualTo("a${B}c");
  }

  @Test
  void collectsEveryProblemWithItsLocation() {
    String yaml = """
        pipeline: p
        source: {type: counting, count: 3, colour: red}
        sinks:
          out: {type: memroy, table: t}
        engine:
          batch_rows: many
        """;
    assertThatThrownBy(() -> load(yaml, Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(3))
        .hasMessageContaining("p.yaml:2:36: source.colour: unknown key")
        .hasMessageContaining("p.yaml:4:15: sinks.out.type: unknown sink type 'memroy'")
        .hasMessageContaining("did you mean 'memory'")
        .hasMessageContaining("p.yaml:6:15: engine.batch_rows: expected an integer, found 'many'");
  }

  @Test
  void aMissingRequiredKeyIsNamedWithItsBlock() {
    assertThatThrownBy(() -> load("pipeline: p\nsource: {type: counting}\nsinks:\n  out: {type: memory, table: t}\n", Map.of()))
        .hasMessageContaining("p.yaml:2:9: source.count: missing required key 'count'");
  }

  @Test
  void invalidYamlPointsAtTheLine() {
    assertThatThrownBy(() -> load("pipeline: p\nsource: [\n", Map.of())).hasMessageContaining("p.yaml:3:1: invalid YAML");
  }

  @Test
  void aSinkNeedsAtLeastOneEntry() {
    assertThatThrownBy(() -> load("pipeline: p\nsource: {type: counting, count: 1}\nsinks: {}\n", Map.of()))
        .hasMessageContaining("expected at least one sink");
  }

  @Test
  void perSinkProcessorsAreRead() {
    PipelineDefinition d = load(MINIMAL.replace("out: {type: memory, table: t}", "out:\n    type: memory\n    table: t\n    processing:\n      - type: even_only\n"), Map.of());
    assertThat(d.sinks().get(0).processing()).hasSize(1);
    assertThat(d.sinks().get(0).processing().get(0).type()).isEqualTo("even_only");
  }
}
