package io.logpro.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.config.ConfigException;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.config.MapConfig;
import io.logpro.api.sink.SinkFactory;
import io.logpro.api.source.SourceFactory;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class KafkaFactoriesTest {

  @Test
  void bothFactoriesAreRegisteredAsKafka() {
    assertThat(ServiceLoader.load(SourceFactory.class).stream().map(p -> p.get().type())).contains("kafka");
    assertThat(ServiceLoader.load(SinkFactory.class).stream().map(p -> p.get().type())).contains("kafka");
  }

  @Test
  void everyConfigFieldHasADoc() {
    assertThat(KafkaSourceFactory.SPEC.fields()).extracting(FieldSpec::doc).allMatch(d -> !d.isBlank());
    assertThat(KafkaSinkFactory.SPEC.fields()).extracting(FieldSpec::doc).allMatch(d -> !d.isBlank());
  }

  @Test
  void sourceNeedsTopicsOrAPatternButNotBoth() {
    assertThatThrownBy(() -> KafkaSourceFactory.settings(MapConfig.of(KafkaSourceFactory.SPEC,
        Map.of("brokers", List.of("h:1"), "group", "g"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("either topics or topic_pattern, found neither");
    assertThatThrownBy(() -> KafkaSourceFactory.settings(MapConfig.of(KafkaSourceFactory.SPEC,
        Map.of("brokers", List.of("h:1"), "group", "g", "topics", List.of("t"), "topic_pattern", "t.*"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("found both");
  }

  @Test
  void sourceRejectsABadTopicPattern() {
    assertThatThrownBy(() -> KafkaSourceFactory.settings(MapConfig.of(KafkaSourceFactory.SPEC,
        Map.of("brokers", List.of("h:1"), "group", "g", "topic_pattern", "t(["))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("kafka.topic_pattern: expected a regular expression");
  }

  @Test
  void sourcePassesPropertiesThroughButKeepsOffsetsManual() {
    var settings = KafkaSourceFactory.settings(MapConfig.of(KafkaSourceFactory.SPEC, Map.of("brokers", List.of("a:1", "b:2"),
        "group", "g", "topics", List.of("t"), "properties", Map.of("security.protocol", "SSL", "enable.auto.commit", true))));
    Map<String, Object> props = KafkaSource.consumerProperties(settings, "c");

    assertThat(props).containsEntry("bootstrap.servers", "a:1,b:2").containsEntry("security.protocol", "SSL")
        .containsEntry("enable.auto.commit", "false").containsEntry("isolation.level", "read_committed")
        .containsEntry("auto.offset.reset", "earliest").containsEntry("group.id", "g");
  }

  @Test
  void sourceLetsPropertiesChooseReadUncommitted() {
    var settings = KafkaSourceFactory.settings(MapConfig.of(KafkaSourceFactory.SPEC, Map.of("brokers", List.of("a:1"),
        "group", "g", "topics", List.of("t"), "start", "latest", "properties", Map.of("isolation.level", "read_uncommitted"))));

    assertThat(KafkaSource.consumerProperties(settings, "c")).containsEntry("isolation.level", "read_uncommitted")
        .containsEntry("auto.offset.reset", "latest");
  }

  @Test
  void transactionalSinkNeedsTheSourceGroup() {
    assertThatThrownBy(() -> new KafkaSinkFactory().create(MapConfig.of(KafkaSinkFactory.SPEC,
        Map.of("brokers", List.of("h:1"), "topic", "t", "transactional", true))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("kafka.group: expected the kafka source's consumer group");
  }

  @Test
  void sinkIsTransactionalOnlyWhenAskedTo() {
    var plain = new KafkaSinkFactory().create(MapConfig.of(KafkaSinkFactory.SPEC, Map.of("brokers", List.of("h:1"), "topic", "t")));
    var tx = new KafkaSinkFactory().create(MapConfig.of(KafkaSinkFactory.SPEC,
        Map.of("brokers", List.of("h:1"), "topic", "t", "transactional", true, "group", "g")));

    assertThat(plain).isExactlyInstanceOf(KafkaSink.class);
    assertThat(tx).isInstanceOf(TransactionalKafkaSink.class).isInstanceOf(io.logpro.api.sink.Transactional.class);
  }

  @Test
  void sinkNamesAFormatThatIsNotAvailable() {
    assertThatThrownBy(() -> new KafkaSinkFactory().create(MapConfig.of(KafkaSinkFactory.SPEC,
        Map.of("brokers", List.of("h:1"), "topic", "t", "format", Map.of("type", "protobuf")))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("found 'protobuf', which is not on the classpath")
        .hasMessageContaining("available: ");
  }

  @Test
  void sinkRefusesAFormatThatCannotBeWritten() {
    assertThatThrownBy(() -> new KafkaSinkFactory().create(MapConfig.of(KafkaSinkFactory.SPEC,
        Map.of("brokers", List.of("h:1"), "topic", "t", "format", Map.of("type", "parquet")))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("can read but not write");
  }

  @Test
  void topicPartitionNamesRoundTripEvenWithDashesInTheTopic() {
    var tp = TopicPartitions.parse("taxi-trips-2024-12");
    assertThat(tp.topic()).isEqualTo("taxi-trips-2024");
    assertThat(tp.partition()).isEqualTo(12);
    assertThat(TopicPartitions.name(tp)).isEqualTo("taxi-trips-2024-12");
    assertThat(TopicPartitions.parse("/data/file.csv")).isNull();
    assertThat(TopicPartitions.parse("topic-")).isNull();
  }
}
