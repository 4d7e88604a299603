package io.logpro.http;

import io.logpro.api.OnExhausted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.RetryPolicy;
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

class HttpSinkFactoryTest {

  private static HttpSink.Settings settings(Map<String, Object> values) {
    Map<String, Object> c = new HashMap<>(values);
    c.putIfAbsent("url", "https://hooks.example.com/in");
    return HttpSinkFactory.settings(MapConfig.of(HttpSinkFactory.SPEC, c));
  }

  @Test
  void isRegisteredAsHttp() {
    assertThat(ServiceLoader.load(SinkFactory.class).stream().map(p -> p.get().type())).contains("http");
  }

  @Test
  void everyFieldHasADocAndTheDocsMentionWhen() {
    assertThat(HttpSinkFactory.SPEC.fields()).extracting(FieldSpec::doc).allMatch(d -> !d.isBlank());
    assertThat(HttpSinkFactory.SPEC.doc()).contains("when:").contains("Idempotency-Key").contains("At least once");
  }

  @Test
  void secretsAreDeclaredSecret() {
    assertThat(HttpSinkFactory.SPEC.field("secret").orElseThrow().secret()).isTrue();
    assertThat(HttpSinkFactory.SPEC.field("headers").orElseThrow().secret()).isTrue();
  }

  @Test
  void defaults() {
    HttpSink.Settings s = settings(Map.of());

    assertThat(s.method()).isEqualTo("POST");
    assertThat(s.batchRows()).isEqualTo(500);
    assertThat(s.body()).isEqualTo(BodyFormat.JSON_ARRAY);
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.signature()).isNull();
    assertThat(s.signatureHeader()).isEqualTo("X-Logpro-Signature");
    assertThat(s.retry()).isEqualTo(RetryPolicy.DEFAULT);
    assertThat(s.onExhausted()).isEqualTo(OnExhausted.DEAD_LETTER);
  }

  @Test
  void retryBlockBuildsThePolicy() {
    HttpSink.Settings s = settings(Map.of("retry", Map.of("max_attempts", 3, "initial_backoff", "50ms", "max_backoff", "1s")));

    assertThat(s.retry()).isEqualTo(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(1)));
  }

  @Test
  void rejectsAUrlThatIsNotHttp() {
    assertThatThrownBy(() -> settings(Map.of("url", "ftp://x/y"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.url: expected an http or https URL, found scheme 'ftp'");
    assertThatThrownBy(() -> settings(Map.of("url", "http://exa mple/?token=SECRET"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("does not parse").hasMessageNotContaining("SECRET");
  }

  @Test
  void rejectsHeadersTheClientOrTheSinkSets() {
    assertThatThrownBy(() -> settings(Map.of("headers", Map.of("Host", "h")))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("set by the HTTP client");
    assertThatThrownBy(() -> settings(Map.of("headers", Map.of("idempotency-key", "k")))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("set by the sink");
    assertThatThrownBy(() -> settings(Map.of("signature_header", "X-Sig", "headers", Map.of("x-sig", "k"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("set by the sink");
    assertThatThrownBy(() -> settings(Map.of("headers", List.of("a")))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("expected a mapping");
  }

  @Test
  void rejectsABatchRowsBelowOne() {
    assertThatThrownBy(() -> settings(Map.of("batch_rows", 0))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.batch_rows: expected 1 or more");
  }

  @Test
  void settingsPrintNoSecrets() {
    HttpSink.Settings s = settings(Map.of("url", "https://u:pw-SECRET@h/p?token=SECRET", "secret", "SECRET",
        "headers", Map.of("Authorization", "Bearer SECRET")));

    assertThat(s.toString()).doesNotContain("SECRET").contains("Authorization").contains("https://h/p?***");
  }
}
