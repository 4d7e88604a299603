package io.logpro.cdc;

import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

/** A change envelope as JSON (Kafka Connect's own rendering), for the dead-letter output. */
final class ChangeJson {
  private static final JsonConverter JSON = new JsonConverter();

  static {
    JSON.configure(Map.of("schemas.enable", "false", "decimal.format", "NUMERIC"), false);
  }

  private ChangeJson() {}

  static byte[] render(Struct value) {
    try {
      return JSON.fromConnectData("cdc", value.schema(), value);
    } catch (RuntimeException e) {
      return value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
