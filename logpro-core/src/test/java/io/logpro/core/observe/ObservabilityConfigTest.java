package io.logpro.core.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.config.ConfigException;
import io.logpro.core.config.ConfigNode;
import io.logpro.core.config.Interpolator;
import io.logpro.core.config.PipelineDefinition;
import io.logpro.core.config.PipelineLoader;
import io.logpro.core.config.PipelineSpec;
import io.logpro.core.config.YamlConfig;
import io.logpro.core.config.YamlReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code observability:} block: validated with the pipeline file, read into PipelineDefinition.Observability. */
class ObservabilityConfigTest {
  private static final Interpolator ENV = new Interpolator(Map.of("ADMIN_PORT", "9555")::get);

  private static String file(String observability) {
    return """
        pipeline: obs
        source: {type: counting, count: 10, format: {type: number}}
        sinks:
          a: {type: memory, table: obs-config}
        %s
        """.formatted(observability);
  }

  /** Validates the whole file as the loader does, then reads the block as the CLI does. */
  private static PipelineDefinition.Observability load(String observability) {
    String yaml = file(observability);
    new PipelineLoader(ObserveFixtures.registry(), ENV).load(yaml, "obs.yaml");
    ConfigNode.Mapping top = (ConfigNode.Mapping) YamlReader.read(yaml, "obs.yaml", ENV);
    return PipelineDefinition.Observability.from(new YamlConfig("obs.yaml", "", "obs", PipelineSpec.PIPELINE, top).object("observability"));
  }

  @Test
  void withoutTheBlockNothingIsExposed() {
    PipelineDefinition.Observability o = load("");
    assertThat(o).isEqualTo(PipelineDefinition.Observability.NONE);
    assertThat(o.admin().enabled()).isFalse();
    assertThat(o.tracing().enabled()).isFalse();
  }

  @Test
  void theAdminPortAndTracingAreReadWithTheirDefaults() {
    PipelineDefinition.Observability o = load("""
        observability:
          admin: {port: ${ADMIN_PORT}}
          tracing: {otlp_endpoint: "http://collector:4318"}
        """);
    assertThat(o.admin()).isEqualTo(new PipelineDefinition.Admin("127.0.0.1", 9555));
    assertThat(o.tracing()).isEqualTo(new PipelineDefinition.Tracing("http://collector:4318", "logpro"));
  }

  @Test
  void anAdminBlockWithoutAPortOpensNoPort() {
    PipelineDefinition.Observability o = load("observability: {admin: {host: 0.0.0.0}, tracing: {service_name: ingest}}");
    assertThat(o.admin().enabled()).isFalse();
    assertThat(o.tracing().enabled()).isFalse();
  }

  @Test
  void aMisspeltKeyIsAProblemWithASuggestion() {
    assertThatThrownBy(() -> load("observability: {admin: {prot: 9464}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("observability.admin.prot")
        .hasMessageContaining("port");
  }

  @Test
  void aPortOutOfRangeIsAProblemAtItsKey() {
    assertThatThrownBy(() -> load("observability: {admin: {port: 70000}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("observability.admin.port")
        .hasMessageContaining("0 to 65535");
  }

  @Test
  void anEndpointThatIsNotAnHttpUrlIsAProblem() {
    assertThatThrownBy(() -> load("observability: {tracing: {otlp_endpoint: \"collector:4318\"}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("observability.tracing.otlp_endpoint");
  }

  @Test
  void theTracesPathIsAddedOnlyWhenTheEndpointHasNone() {
    assertThat(OtlpTraces.tracesUrl("http://c:4318")).isEqualTo("http://c:4318/v1/traces");
    assertThat(OtlpTraces.tracesUrl("http://c:4318/")).isEqualTo("http://c:4318/v1/traces");
    assertThat(OtlpTraces.tracesUrl("https://c/otel/v1/traces")).isEqualTo("https://c/otel/v1/traces");
  }
}
