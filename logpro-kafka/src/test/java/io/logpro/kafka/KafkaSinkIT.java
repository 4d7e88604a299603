package io.logpro.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.config.MapConfig;
import io.logpro.api.sink.Sink;
import io.logpro.api.sink.Transactional;
import io.logpro.api.source.SourceChunk;
import io.logpro.kafka.testing.KafkaBroker;
import io.logpro.kafka.testing.KafkaBrokerExtension;
import io.logpro.kafka.testing.TestBatches;
import io.logpro.kafka.testing.TestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.RootAllocator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaSinkIT {
  private final KafkaBroker kafka;
  private final RootAllocator allocator = new RootAllocator();
  private final List<AutoCloseable> open = new ArrayList<>();

  KafkaSinkIT(KafkaBroker kafka) {
    this.kafka = kafka;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    allocator.close();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private Sink sink(String pipeline, Map<String, Object> config) throws Exception {
    Map<String, Object> c = new HashMap<>(config);
    c.put("brokers", List.of(kafka.bootstrapServers()));
    Sink s = new KafkaSinkFactory().create(MapConfig.of(KafkaSinkFactory.SPEC, c));
    s.open(new TestContext(pipeline, "out", allocator));
    open.add(s);
    return s;
  }

  private static void write(Sink sink, Batch batch) throws Exception {
    try (batch) {
      sink.write(batch);
    }
  }

  /** Every record of {@code topic} a read_committed consumer sees, read until 2 s pass without one. */
  private List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, unique("check"),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long last = System.nanoTime();
      boolean assigned = false;
      while (!assigned || System.nanoTime() - last < Duration.ofSeconds(2).toNanos()) {
        var records = consumer.poll(Duration.ofMillis(200));
        assigned |= !consumer.assignment().isEmpty();
        for (var r : records) {
          out.add(r);
          last = System.nanoTime();
        }
      }
    }
    return out;
  }

  private static String text(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void writesEachRowAsAJsonMessageKeyedByAColumn() throws Exception {
    String topic = unique("sink-json");
    kafka.createTopic(topic, 2);
    Sink sink = sink(unique("p"), Map.of("topic", topic, "key", "name"));

    write(sink, TestBatches.idName(allocator, new int[] {1, 2, 3}, new String[] {"a", "b", null}, Checkpoint.empty()));
    sink.commit(Checkpoint.empty());

    var records = readCommitted(topic);
    assertThat(records).extracting(r -> text(r.value())).containsExactlyInAnyOrder(
        "{\"id\":1,\"name\":\"a\"}", "{\"id\":2,\"name\":\"b\"}", "{\"id\":3,\"name\":null}");
    assertThat(records).allSatisfy(r -> {
      String v = text(r.value());
      String expectedKey = v.contains("\"a\"") ? "a" : v.contains("\"b\"") ? "b" : null;
      assertThat(text(r.key())).isEqualTo(expectedKey);
    });
    assertThat(sink).isNotInstanceOf(Transactional.class);
  }

  @Test
  void writesCsvWhenTheFormatSaysSo() throws Exception {
    String topic = unique("sink-csv");
    kafka.createTopic(topic, 1);
    Sink sink = sink(unique("p"), Map.of("topic", topic, "format", Map.of("type", "csv", "header", false)));

    write(sink, TestBatches.idName(allocator, new int[] {7}, new String[] {"x"}, Checkpoint.empty()));
    sink.commit(Checkpoint.empty());

    assertThat(readCommitted(topic)).extracting(r -> text(r.value())).containsExactly("7,x");
  }

  @Test
  void commitFailsWhenAMessageIsTooLarge() throws Exception {
    String topic = unique("sink-large");
    kafka.createTopic(topic, 1);
    Sink sink = sink(unique("p"), Map.of("topic", topic, "properties", Map.of("max.request.size", "1000")));

    write(sink, TestBatches.idName(allocator, new int[] {1}, new String[] {"x".repeat(5000)}, Checkpoint.empty()));

    assertThatThrownBy(() -> sink.commit(Checkpoint.empty()))
        .hasMessageContaining("1 message(s) to topic " + topic + " were not delivered")
        .hasMessageContaining("max.request.size");
  }

  @Test
  void unknownKeyColumnFailsTheBatch() throws Exception {
    String topic = unique("sink-nokey");
    Sink sink = sink(unique("p"), Map.of("topic", topic, "key", "missing"));

    assertThatThrownBy(() -> write(sink, TestBatches.idName(allocator, new int[] {1}, new String[] {"a"}, Checkpoint.empty())))
        .hasMessageContaining("key column 'missing' is not in the rows");
  }

  // ---------------------------------------------------------------- transactional

  private void produceInput(String topic, int n) throws Exception {
    try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < n; i++) producer.send(new ProducerRecord<>(topic, 0, null, ("in" + i).getBytes(StandardCharsets.UTF_8)));
      producer.flush();
    }
  }

  private KafkaSource source(String pipeline, String topic, String group) {
    KafkaSource s = (KafkaSource) new KafkaSourceFactory().create(MapConfig.of(KafkaSourceFactory.SPEC, Map.of(
        "brokers", List.of(kafka.bootstrapServers()), "topics", List.of(topic), "group", group, "poll_timeout", "200ms")));
    s.open(new TestContext(pipeline, "source", allocator));
    open.add(s);
    return s;
  }

  private static List<RawMessage> read(KafkaSource s, int n) throws Exception {
    List<RawMessage> out = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (out.size() < n && System.nanoTime() < deadline) {
      if (s.read(n - out.size(), Duration.ofMillis(200)) instanceof SourceChunk.Messages m) out.addAll(m.messages());
    }
    return out;
  }

  private Batch rowsFor(List<RawMessage> messages) {
    int[] ids = new int[messages.size()];
    String[] names = new String[messages.size()];
    List<Position> positions = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      RawMessage m = messages.get(i);
      ids[i] = (int) m.position().sequence();
      names[i] = new String(m.buffer(), m.offset(), m.length(), StandardCharsets.UTF_8);
      positions.add(m.position());
    }
    return TestBatches.idName(allocator, ids, names, Checkpoint.of(positions));
  }

  @Test
  void transactionalCommitMakesMessagesVisibleTogetherWithTheGroupsOffsets() throws Exception {
    String in = unique("tx-in");
    String out = unique("tx-out");
    String group = unique("g");
    String pipeline = unique("p");
    kafka.createTopic(in, 1);
    kafka.createTopic(out, 1);
    produceInput(in, 5);
    KafkaSource source = source(pipeline, in, group);
    Sink sink = sink(pipeline, Map.of("topic", out, "transactional", true, "group", group));
    assertThat(((Transactional) sink).committed()).isEqualTo(Checkpoint.empty());

    List<RawMessage> messages = read(source, 5);
    Batch batch = rowsFor(messages);
    Checkpoint covered = batch.positions();
    write(sink, batch);
    assertThat(readCommitted(out)).isEmpty();   // not yet committed: invisible
    sink.commit(covered);

    assertThat(readCommitted(out)).extracting(r -> text(r.value())).containsExactly(
        "{\"id\":1,\"name\":\"in0\"}", "{\"id\":2,\"name\":\"in1\"}", "{\"id\":3,\"name\":\"in2\"}",
        "{\"id\":4,\"name\":\"in3\"}", "{\"id\":5,\"name\":\"in4\"}");
    assertThat(((Transactional) sink).committed()).isEqualTo(Checkpoint.of(Position.of(in + "-0", 5)));
  }

  @Test
  void transactionClosedWithoutCommitLeavesNothingVisible() throws Exception {
    String in = unique("tx-in");
    String out = unique("tx-out");
    String group = unique("g");
    String pipeline = unique("p");
    kafka.createTopic(in, 1);
    kafka.createTopic(out, 1);
    produceInput(in, 6);
    KafkaSource source = source(pipeline, in, group);
    Sink sink = sink(pipeline, Map.of("topic", out, "transactional", true, "group", group));
    Batch first = rowsFor(read(source, 3));
    Checkpoint firstCovered = first.positions();
    write(sink, first);
    sink.commit(firstCovered);

    write(sink, rowsFor(read(source, 3)));
    sink.close();
    open.remove(sink);

    assertThat(readCommitted(out)).hasSize(3);
    Sink again = sink(pipeline, Map.of("topic", out, "transactional", true, "group", group));
    assertThat(((Transactional) again).committed()).isEqualTo(Checkpoint.of(Position.of(in + "-0", 3)));
  }

  @Test
  void transactionalCommitWithoutAKafkaSourceSaysWhy() throws Exception {
    String out = unique("tx-out");
    kafka.createTopic(out, 1);
    Sink sink = sink(unique("p"), Map.of("topic", out, "transactional", true, "group", "nobody"));
    write(sink, TestBatches.idName(allocator, new int[] {1}, new String[] {"a"}, Checkpoint.empty()));

    assertThatThrownBy(() -> sink.commit(Checkpoint.of(Position.of("in-0", 1))))
        .hasMessageContaining("needs a kafka source in pipeline");
    assertThat(readCommitted(out)).isEmpty();
  }
}
