package io.logpro.messaging.redis;

import io.logpro.api.OnExhausted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.config.ConfigException;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.config.MapConfig;
import io.logpro.api.sink.SinkFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RedisSinkFactoryTest {

  private static RedisSink.Settings settings(Map<String, Object> values) {
    return RedisSinkFactory.settings(MapConfig.of(RedisSinkFactory.SPEC, values));
  }

  @Test
  void isRegisteredAsRedis() {
    assertThat(ServiceLoader.load(SinkFactory.class).stream().map(p -> p.get().type())).contains("redis");
  }

  @Test
  void everyFieldHasADocAndTheDocsMentionWhen() {
    assertThat(RedisSinkFactory.SPEC.fields()).extracting(FieldSpec::doc).allMatch(d -> !d.isBlank());
    assertThat(RedisSinkFactory.SPEC.doc()).contains("when:").contains("At least once");
    assertThat(RedisSinkFactory.SPEC.field("uri").orElseThrow().secret()).isTrue();
  }

  @Test
  void publishDefaultsToTheLocalServerAndWholeRows() {
    RedisSink.Settings s = settings(Map.of("command", "publish", "channel", "changes.{_table}"));

    assertThat(s.uri().getHost()).isEqualTo("127.0.0.1");
    assertThat(s.uri().getPort()).isEqualTo(6379);
    assertThat(s.command()).isEqualTo(RedisCommand.PUBLISH);
    assertThat(s.target().columns()).containsExactly("_table");
    assertThat(s.payload()).isNull();
    assertThat(s.json()).isNotNull();
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.onExhausted()).isEqualTo(OnExhausted.DEAD_LETTER);
  }

  @Test
  void eachCommandNeedsItsTarget() {
    assertThatThrownBy(() -> settings(Map.of("command", "publish"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("redis.channel: is required with command: publish");
    assertThatThrownBy(() -> settings(Map.of("command", "del"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("redis.key: is required with command: del");
    assertThatThrownBy(() -> settings(Map.of("command", "set"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("redis.key: is required with command: set");
  }

  @Test
  void keysOfOtherCommandsAreRefused() {
    assertThatThrownBy(() -> settings(Map.of("command", "del", "key", "k:{id}", "ttl", "1m"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("redis.ttl: does not apply to command: del");
    assertThatThrownBy(() -> settings(Map.of("command", "publish", "channel", "c", "value", "v")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("redis.value: does not apply to command: publish");
  }

  @Test
  void setTakesAValueTemplateAndATtl() {
    RedisSink.Settings s = settings(Map.of("command", "set", "key", "trip:{id}", "value", "{status}", "ttl", "10m"));

    assertThat(s.ttl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.payload().columns()).containsExactly("status");
    assertThat(s.json()).isNull();
  }

  @Test
  void aBadTemplateIsAConfigErrorAtItsKey() {
    assertThatThrownBy(() -> settings(Map.of("command", "del", "key", "trip:{id")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("redis.key: expected a template such as trip:{vendor_id}:{trip_id}, but '{' at character 6 is never closed");
  }

  @Test
  void aUriThatDoesNotParseIsNotEchoed() {
    assertThatThrownBy(() -> settings(Map.of("command", "del", "key", "k", "uri", "redis://:PW-SECRET@")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("redis.uri").hasMessageNotContaining("PW-SECRET");
  }

  @Test
  void settingsPrintNoPassword() {
    RedisSink.Settings s = settings(Map.of("command", "del", "key", "k", "uri", "redis://user:PW-SECRET@10.0.0.1:6380/2"));

    assertThat(s.toString()).doesNotContain("PW-SECRET").contains("redis://10.0.0.1:6380/2");
    assertThat(s.passwords()).containsExactly("PW-SECRET");
  }

  @Test
  void passwordsAreFoundRawAndDecoded() {
    assertThat(SafeText.passwords("redis://:p%40ss@h:1")).containsExactly("p%40ss", "p@ss");
    assertThat(SafeText.passwords("redis://user:pw@h:1/0")).containsExactly("pw");
    assertThat(SafeText.passwords("redis://h:1")).isEmpty();
    assertThat(SafeText.error(new RuntimeException("auth p@ss failed"), List.of("p%40ss", "p@ss"))).isEqualTo("RuntimeException: auth *** failed");
  }

  @Test
  void clientNamesHaveNoSpaces() {
    assertThat(RedisSink.clientName("my pipe", "cache bust")).isEqualTo("logpro:my_pipe:cache_bust");
  }
}
