package io.logpro.messaging.redis;

/** What the sink sends for each row. */
public enum RedisCommand {
  /** {@code PUBLISH channel message}. */
  PUBLISH,
  /** {@code DEL key}. */
  DEL,
  /** {@code SET key value [PX ttl]}. */
  SET;

  public static RedisCommand of(String configName) {
    return valueOf(configName.toUpperCase(java.util.Locale.ROOT));
  }
}
