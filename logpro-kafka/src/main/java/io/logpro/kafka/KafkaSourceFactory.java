package io.logpro.kafka;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.config.FieldType;
import io.logpro.api.source.Source;
import io.logpro.api.source.SourceFactory;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The {@code kafka} source. */
public final class KafkaSourceFactory implements SourceFactory {
  static final ConfigSpec SPEC = ConfigSpec.builder("kafka",
          "Reads Kafka or Redpanda topics as a member of a consumer group. Partitions are spread over all logpro"
              + " instances of the group; each resumes where its sinks committed, and offsets are committed back to the"
              + " group only after every sink holds the records. Reads committed transactional data only by default.")
      .field(FieldSpec.strings("brokers", "Bootstrap servers, host:port.").asRequired().withExample("[localhost:9092]"))
      .field(FieldSpec.strings("topics", "Topics to read (or topic_pattern).").withExample("[taxi-trips]"))
      .field(FieldSpec.string("topic_pattern", "A regular expression of topics to read (instead of topics); new matching topics join.")
          .withExample("taxi-.*"))
      .field(FieldSpec.string("group", "The consumer group; instances with the same group share the partitions.").asRequired()
          .withExample("bronze-ingest"))
      .field(FieldSpec.oneOf("start", "Where partitions start that neither the sinks nor the group have a position for.",
          "earliest", "latest").withDefault("earliest"))
      .field(FieldSpec.of("properties", FieldType.ANY,
              "Kafka consumer properties passed through as they are (security.protocol, sasl.jaas.config, fetch sizes...).")
          .asSecret().withExample("{security.protocol: SASL_SSL, sasl.mechanism: PLAIN}"))
      .field(FieldSpec.duration("poll_timeout", "Longest a single poll waits for records before the source reports idle.")
          .withDefault("1s"))
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Source create(Config config) {
    return new KafkaSource(settings(config));
  }

  static KafkaSource.Settings settings(Config config) {
    List<String> topics = config.strings("topics");
    String patternText = config.string("topic_pattern");
    if (topics.isEmpty() == (patternText == null)) {
      throw config.error("topics", "expected either topics or topic_pattern, found "
          + (topics.isEmpty() ? "neither" : "both"));
    }
    Pattern pattern = null;
    if (patternText != null) {
      try {
        pattern = Pattern.compile(patternText);
      } catch (PatternSyntaxException e) {
        throw config.error("topic_pattern", "expected a regular expression, found '" + patternText + "': " + e.getDescription());
      }
    }
    String group = config.string("group");
    if (group == null || group.isBlank()) throw config.error("group", "expected a consumer group name, found nothing");
    String start = config.string("start");
    if (!start.equals("earliest") && !start.equals("latest")) {
      throw config.error("start", "expected earliest or latest, found '" + start + "'");
    }
    var pollTimeout = config.duration("poll_timeout");
    if (pollTimeout.isNegative()) throw config.error("poll_timeout", "expected a positive duration, found " + pollTimeout);
    return new KafkaSource.Settings(KafkaProperties.of(config), topics, pattern, group, start, pollTimeout);
  }
}
