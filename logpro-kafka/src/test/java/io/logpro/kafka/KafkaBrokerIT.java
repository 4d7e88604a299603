package io.logpro.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.kafka.testing.KafkaBroker;
import io.logpro.kafka.testing.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerIT {

  @Test
  void sharedBrokerAcceptsProduceAndConsume(KafkaBroker kafka) throws Exception {
    kafka.createTopic("broker-smoke", 2);
    try (var producer = new KafkaProducer<String, String>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 10; i++) producer.send(new ProducerRecord<>("broker-smoke", "k" + i, "v" + i)).get();
    }
    List<String> seen = new ArrayList<>();
    try (var consumer = new KafkaConsumer<String, String>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "broker-smoke",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("broker-smoke"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (seen.size() < 10 && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) seen.add(r.value());
      }
    }
    assertThat(seen).hasSize(10).contains("v0", "v9");
  }

  @Test
  void brokerRestartsOnFreshPortsAndStopsWithClose() {
    try (KafkaBroker own = new KafkaBroker().start()) {
      System.out.println("KafkaBroker started in " + own.startedIn().toMillis() + " ms");
      assertThat(own.isRunning()).isTrue();
      assertThat(own.bootstrapServers()).isNotEqualTo(KafkaBroker.shared().bootstrapServers());
      own.createTopic("own", 1);
    }
  }
}
