package io.logpro.messaging.redis;

import io.lettuce.core.RedisURI;
import io.logpro.api.OnExhausted;
import io.logpro.api.RetryPolicy;
import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.format.EncodingFormat;
import io.logpro.api.sink.Sink;
import io.logpro.api.sink.SinkFactory;
import java.time.Duration;

/** The {@code redis} sink. */
public final class RedisSinkFactory implements SinkFactory {
  static final ConfigSpec SPEC = ConfigSpec.builder("redis",
          "Sends one Redis command per row, for cache invalidation and change notification: PUBLISH to a channel, DEL a"
              + " key, or SET a key (optionally with a TTL). Channel, key, value and message are templates filled from the"
              + " row's columns ({column}; {{ and }} for literal braces; a null value renders as nothing); without a"
              + " value/message template the row is sent as a JSON object. A batch is sent pipelined and confirmed before"
              + " positions advance; connection loss and timeouts are retried, a command the server refuses sends its row"
              + " to the dead-letter output. At least once: after a crash a batch may be sent again (DEL and SET are"
              + " idempotent, a PUBLISH is repeated). The sink's when: condition applies (only matching rows are sent).")
      .field(FieldSpec.string("uri", "The Redis server, redis://[user:password@]host:port/db (rediss:// for TLS); a"
          + " password in it is a secret and never logged.").withDefault("redis://127.0.0.1:6379").asSecret())
      .field(FieldSpec.oneOf("command", "What each row becomes: publish, del or set.", "publish", "del", "set").asRequired())
      .field(FieldSpec.string("channel", "publish: the channel, a template.").withExample("changes.{_table}"))
      .field(FieldSpec.string("message", "publish: the message, a template; the row as JSON when absent.")
          .withExample("{_op}:{trip_id}"))
      .field(FieldSpec.string("key", "del and set: the key, a template.").withExample("trip:{vendor_id}:{trip_id}"))
      .field(FieldSpec.string("value", "set: the value, a template; the row as JSON when absent.").withExample("{status}"))
      .field(FieldSpec.duration("ttl", "set: the key's time to live (SET ... PX); none when absent.").withExample("10m"))
      .field(FieldSpec.duration("timeout", "Connect timeout, and the longest wait for a command's reply.").withDefault("10s"))
      .field(RetryPolicy.field())
      .field(OnExhausted.field("unconfirmed commands"))
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Sink create(Config config) {
    return new RedisSink(settings(config));
  }

  static RedisSink.Settings settings(Config config) {
    RedisURI uri = uri(config);
    RedisCommand command = RedisCommand.of(config.string("command"));
    Template target;
    Template payload;
    Duration ttl = null;
    switch (command) {
      case PUBLISH -> {
        forbid(config, command, "key", "value", "ttl");
        target = template(config, "channel", command);
        payload = optionalTemplate(config, "message");
      }
      case DEL -> {
        forbid(config, command, "channel", "message", "value", "ttl");
        target = template(config, "key", command);
        payload = null;
      }
      case SET -> {
        forbid(config, command, "channel", "message");
        target = template(config, "key", command);
        payload = optionalTemplate(config, "value");
        if (config.has("ttl")) {
          ttl = config.duration("ttl");
          if (ttl.toMillis() < 1) throw config.error("ttl", "expected a duration of 1ms or more, found " + ttl);
        }
      }
      default -> throw new IllegalStateException();
    }
    Duration timeout = config.duration("timeout");
    if (timeout.toMillis() < 1) throw config.error("timeout", "expected a positive duration, found " + timeout);
    // whole rows need the json encoder: found now, so that a missing logpro-formats fails at startup, not at the first row
    EncodingFormat json = command != RedisCommand.DEL && payload == null ? RowJson.jsonFormat() : null;
    return new RedisSink.Settings(uri, command, target, payload, ttl, timeout, RetryPolicy.from(config),
        OnExhausted.from(config), json,
        SafeText.passwords(config.string("uri").trim()));
  }

  private static RedisURI uri(Config config) {
    String text = config.string("uri");
    try {
      return RedisURI.create(text.trim());
    } catch (RuntimeException e) {
      // not the text nor the client's message: both may hold the password
      throw config.error("uri", "expected redis://[user:password@]host:port/db, found one that does not parse");
    }
  }

  private static Template template(Config config, String key, RedisCommand command) {
    if (!config.has(key) || config.string(key).isEmpty()) {
      throw config.error(key, "is required with command: " + command.name().toLowerCase(java.util.Locale.ROOT));
    }
    return optionalTemplate(config, key);
  }

  private static Template optionalTemplate(Config config, String key) {
    if (!config.has(key)) return null;
    try {
      return Template.parse(config.string(key));
    } catch (IllegalArgumentException e) {
      throw config.error(key, "expected a template such as trip:{vendor_id}:{trip_id}, but " + e.getMessage());
    }
  }

  private static void forbid(Config config, RedisCommand command, String... keys) {
    for (String key : keys) {
      if (config.has(key)) {
        throw config.error(key, "does not apply to command: " + command.name().toLowerCase(java.util.Locale.ROOT));
      }
    }
  }
}
