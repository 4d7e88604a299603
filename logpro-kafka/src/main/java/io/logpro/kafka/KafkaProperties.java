package io.logpro.kafka;

import io.logpro.api.config.Config;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns the {@code brokers} and {@code properties} of a kafka block into client properties. */
final class KafkaProperties {
  private KafkaProperties() {}

  static Map<String, Object> of(Config config) {
    Map<String, Object> props = new HashMap<>();
    Object raw = config.raw("properties");
    if (raw != null) {
      if (!(raw instanceof Map<?, ?> m)) throw config.error("properties", "expected a mapping of Kafka client properties, found '" + raw + "'");
      m.forEach((k, v) -> props.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
    }
    List<String> brokers = config.strings("brokers");
    if (brokers.isEmpty()) throw config.error("brokers", "expected a list of host:port, found nothing");
    props.put("bootstrap.servers", String.join(",", brokers));
    return props;
  }
}
