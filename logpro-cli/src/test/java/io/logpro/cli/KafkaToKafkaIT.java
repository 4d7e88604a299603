package io.logpro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpro.generate.TaxiGenerator;
import io.logpro.generate.TaxiStats;
import io.logpro.kafka.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka to Kafka with a transactional sink: output records and consumed offsets commit together, whatever the kills. */
class KafkaToKafkaIT {
  @TempDir Path work;

  @Test
  void everyInputEventIsInTheOutputTopicExactlyOnceAfterKills() throws Exception {
    KafkaBroker kafka = KafkaBroker.shared();
    Path log = work.resolve("logpro.log");
    long rows = 40_000;
    int produced = LogproProcess.run(work, Map.of(), log, 300, "generate", "taxi", "--to", "kafka", "--brokers", kafka.bootstrapServers(),
        "--topic", "k2k-in", "--partitions", "3", "--rows", Long.toString(rows), "--seed", "21");
    assertThat(produced).as(LogproProcess.tail(log)).isZero();
    kafka.createTopic("k2k-out", 3);
    TaxiStats truth = TaxiStats.of(new TaxiGenerator(21), 0, rows);

    String streaming = Files.readString(LogproProcess.repoDir().resolve("examples/taxi/streaming.yaml"));
    String schema = streaming.substring(streaming.indexOf("    # The 2024 yellow taxi schema"), streaming.indexOf("processing:"));
    String b = kafka.bootstrapServers();
    String yaml = "pipeline: k2k\n"
        + "source:\n"
        + "  type: kafka\n"
        + "  brokers: [\"" + b + "\"]\n"
        + "  topics: [k2k-in]\n"
        + "  group: k2k\n"
        + "  properties: {group.instance.id: k2k-0, session.timeout.ms: \"6000\"}\n"
        + "  format:\n"
        + "    type: json\n"
        + schema.stripTrailing() + "\n"
        + "processing:\n"
        + "  - type: metadata\n"
        + "    columns: [partition, offset]\n"
        + "sinks:\n"
        + "  out:\n"
        + "    type: kafka\n"
        + "    brokers: [\"" + b + "\"]\n"
        + "    topic: k2k-out\n"
        + "    key: _partition\n"
        + "    transactional: true\n"
        + "    group: k2k\n"
        + "reliability:\n"
        + "  commit_interval: 300ms\n"
        + "  state_dir: " + work.resolve("state") + "\n"
        + "  dlq: {type: file, path: " + work.resolve("dlq") + "}\n";
    Path config = work.resolve("k2k.yaml");
    Files.writeString(config, yaml);

    Random random = new Random(7);
    for (int kill = 0; kill < 4; kill++) {
      Process p = LogproProcess.start(work, Map.of(), log, "run", config.toString());
      Thread.sleep(2_500 + random.nextInt(2_000));
      p.destroyForcibly();
      p.waitFor();
    }
    Process last = LogproProcess.start(work, Map.of(), log, "run", config.toString());
    Set<String> ids = new HashSet<>();
    long records = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    ObjectMapper json = new ObjectMapper();
    Properties props = new Properties();
    props.put("bootstrap.servers", kafka.bootstrapServers());
    props.put("group.id", "k2k-check-" + System.nanoTime());
    props.put("auto.offset.reset", "earliest");
    props.put("isolation.level", "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("k2k-out"));
      while (ids.size() < truth.bronzeRows() && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          JsonNode n = json.readTree(r.value());
          String id = n.get("_partition").asText() + "@" + n.get("_offset").asLong();
          assertThat(ids.add(id)).as("%s written twice", id).isTrue();
          records++;
        }
      }
      Thread.sleep(2_000); // anything doubled would arrive now
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(1_000))) records++;
    }
    last.destroy();
    assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(ids).as(LogproProcess.tail(log)).hasSize((int) truth.bronzeRows());
    assertThat(records).isEqualTo(truth.bronzeRows());
  }
}
