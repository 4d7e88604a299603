package io.logpro.kafka;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.config.FieldType;
import io.logpro.api.sink.Sink;
import io.logpro.api.sink.SinkFactory;

/** The {@code kafka} sink. */
public final class KafkaSinkFactory implements SinkFactory {
  static final ConfigSpec SPEC = ConfigSpec.builder("kafka",
          "Writes each row as one Kafka or Redpanda message (json by default) through an idempotent producer; a commit"
              + " waits until the broker has every message. With transactional: true, the messages and the source consumer"
              + " group's offsets commit in one Kafka transaction (Kafka to Kafka exactly once; the source must be kafka).")
      .field(FieldSpec.strings("brokers", "Bootstrap servers, host:port.").asRequired().withExample("[localhost:9092]"))
      .field(FieldSpec.string("topic", "The topic to write to.").asRequired().withExample("taxi-silver"))
      .field(FieldSpec.string("key", "A column whose value becomes the message key (rows with the same key stay in order).")
          .withExample("VendorID"))
      .field(FieldSpec.component("format", "format", "How a row becomes a message value (default json, one object per message).")
          .withExample("{type: csv}"))
      .field(FieldSpec.of("properties", FieldType.ANY,
              "Kafka producer properties passed through as they are (security, compression.type, linger.ms...).")
          .asSecret().withExample("{compression.type: zstd}"))
      .field(FieldSpec.bool("transactional", "Commit messages and the source group's offsets in one transaction (exactly once).")
          .withDefault(false))
      .field(FieldSpec.string("transactional_id", "The producer's transactional.id; default <pipeline>-<sink name>. Unique per instance."))
      .field(FieldSpec.string("group", "With transactional: the consumer group of the pipeline's kafka source, whose offsets"
          + " the transactions commit and from which the sink reads what it committed.").withExample("bronze-ingest"))
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Sink create(Config config) {
    KafkaSink.Settings settings = settings(config);
    return config.bool("transactional") ? new TransactionalKafkaSink(settings) : new KafkaSink(settings);
  }

  static KafkaSink.Settings settings(Config config) {
    String topic = config.string("topic");
    if (topic == null || topic.isBlank()) throw config.error("topic", "expected a topic name, found nothing");
    boolean transactional = config.bool("transactional");
    String group = config.string("group");
    if (transactional && (group == null || group.isBlank())) {
      throw config.error("group", "expected the kafka source's consumer group (needed with transactional: true), found nothing");
    }
    String txId = config.string("transactional_id");
    if (txId != null && !transactional) throw config.error("transactional_id", "expected transactional: true with a transactional_id");
    return new KafkaSink.Settings(KafkaProperties.of(config), topic, config.string("key"), SinkFormats.of(config),
        SinkFormats.stripsNewline(config), txId, group);
  }
}
