package io.logpro.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.kafka.testing.KafkaBroker;
import io.logpro.kafka.testing.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaWriterIT {
  private final KafkaBroker kafka;

  KafkaWriterIT(KafkaBroker kafka) {
    this.kafka = kafka;
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private long endOffsets(String topic, int partitions) throws Exception {
    long total = 0;
    for (int p = 0; p < partitions; p++) {
      total += kafka.admin().listOffsets(Map.of(new TopicPartition(topic, p), OffsetSpec.latest()))
          .all().get(10, TimeUnit.SECONDS).values().iterator().next().offset();
    }
    return total;
  }

  @Test
  void createIfAbsentCreatesOnceWithThePartitionsAsked() throws Exception {
    String topic = unique("topics");
    assertThat(KafkaTopics.createIfAbsent(kafka.bootstrapServers(), topic, 3)).isTrue();
    assertThat(KafkaTopics.createIfAbsent(kafka.bootstrapServers(), topic, 5)).isFalse();
    assertThat(KafkaTopics.partitions(kafka.bootstrapServers(), topic)).isEqualTo(3);
    assertThat(KafkaTopics.partitions(kafka.bootstrapServers(), unique("absent"))).isZero();
  }

  @Test
  void writesEveryRecordAndCountsBytes() throws Exception {
    String topic = unique("writer");
    KafkaTopics.createIfAbsent(kafka.bootstrapServers(), topic, 2);
    KafkaWriter.Result r;
    try (KafkaWriter w = new KafkaWriter(kafka.bootstrapServers(), topic)) {
      r = w.write(i -> ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8), 20_000, 0);
    }
    assertThat(r.records()).isEqualTo(20_000);
    assertThat(r.bytes()).isGreaterThan(20_000 * 7L);
    assertThat(endOffsets(topic, 2)).isEqualTo(20_000);
  }

  @Test
  void iteratorShorterThanMaxRowsWritesWhatItHas() throws Exception {
    String topic = unique("writer-iter");
    KafkaTopics.createIfAbsent(kafka.bootstrapServers(), topic, 1);
    try (KafkaWriter w = new KafkaWriter(kafka.bootstrapServers(), topic)) {
      var values = List.of("a", "b", "c").stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).iterator();
      assertThat(w.write(values, 10, 0).records()).isEqualTo(3);
    }
    assertThat(endOffsets(topic, 1)).isEqualTo(3);
  }

  @Test
  void rateLimitsHowFastRecordsGo() throws Exception {
    String topic = unique("writer-rate");
    KafkaTopics.createIfAbsent(kafka.bootstrapServers(), topic, 1);
    try (KafkaWriter w = new KafkaWriter(kafka.bootstrapServers(), topic)) {
      KafkaWriter.Result r = w.write(i -> new byte[] {1}, 300, 1000);
      assertThat(r.elapsed().toMillis()).isGreaterThanOrEqualTo(280);
    }
  }

  @Test
  void deliveryFailureIsReportedWithItsCount() throws Exception {
    String topic = unique("writer-large");
    KafkaTopics.createIfAbsent(kafka.bootstrapServers(), topic, 1);
    try (KafkaWriter w = new KafkaWriter(kafka.bootstrapServers(), topic, Map.of("max.request.size", 1000))) {
      assertThatThrownBy(() -> w.write(i -> new byte[5000], 3, 0)).hasMessageContaining("were not delivered");
    }
  }
}
