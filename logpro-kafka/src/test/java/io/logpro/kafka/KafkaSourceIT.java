package io.logpro.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.config.MapConfig;
import io.logpro.api.source.SourceChunk;
import io.logpro.kafka.testing.FakeCoordinator;
import io.logpro.kafka.testing.KafkaBroker;
import io.logpro.kafka.testing.KafkaBrokerExtension;
import io.logpro.kafka.testing.TestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.RootAllocator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaSourceIT {
  private static final long BASE_TS = 1_700_000_000_000L;
  private final KafkaBroker kafka;
  private final RootAllocator allocator = new RootAllocator();
  private final List<KafkaSource> open = new ArrayList<>();

  KafkaSourceIT(KafkaBroker kafka) {
    this.kafka = kafka;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (KafkaSource s : open) s.close();
    allocator.close();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Writes {@code perPartition} records to each partition: key "k<p>-<i>", value "v<p>-<i>", header "h", timestamp BASE_TS + i. */
  private void produce(String topic, int partitions, int perPartition) throws Exception {
    try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int p = 0; p < partitions; p++) {
        for (int i = 0; i < perPartition; i++) {
          var record = new ProducerRecord<>(topic, p, BASE_TS + i, bytes("k" + p + "-" + i), bytes("v" + p + "-" + i),
              List.of(new RecordHeader("h", bytes("h" + p + "-" + i))));
          producer.send(record);
        }
      }
      producer.flush();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static String value(RawMessage m) {
    return new String(m.buffer(), m.offset(), m.length(), StandardCharsets.UTF_8);
  }

  private KafkaSource source(String topic, String group) {
    return source(topic, group, Map.of());
  }

  private KafkaSource source(String topic, String group, Map<String, String> properties) {
    KafkaSource s = (KafkaSource) new KafkaSourceFactory().create(MapConfig.of(KafkaSourceFactory.SPEC, Map.of(
        "brokers", List.of(kafka.bootstrapServers()), "topics", List.of(topic), "group", group, "poll_timeout", "200ms",
        "properties", properties)));
    s.open(new TestContext(unique("pipe"), "source", allocator));
    open.add(s);
    return s;
  }

  private static List<RawMessage> readAtLeast(KafkaSource s, int n) throws Exception {
    List<RawMessage> out = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (out.size() < n && System.nanoTime() < deadline) {
      if (s.read(1000, Duration.ofMillis(200)) instanceof SourceChunk.Messages m) out.addAll(m.messages());
    }
    return out;
  }

  /** Reads until {@code quiet} passes without a record. */
  private static List<RawMessage> readUntilQuiet(KafkaSource s, Duration quiet) throws Exception {
    List<RawMessage> out = new ArrayList<>();
    long last = System.nanoTime();
    while (System.nanoTime() - last < quiet.toNanos()) {
      if (s.read(1000, Duration.ofMillis(200)) instanceof SourceChunk.Messages m) {
        out.addAll(m.messages());
        last = System.nanoTime();
      }
    }
    return out;
  }

  @Test
  void readsEveryRecordOfAMultiPartitionTopicWithPositionKeyHeadersAndTimestamp() throws Exception {
    String topic = unique("read-all");
    kafka.createTopic(topic, 3);
    produce(topic, 3, 10);
    KafkaSource s = source(topic, unique("g"));

    List<RawMessage> got = readAtLeast(s, 30);

    assertThat(got).hasSize(30);
    for (RawMessage m : got) {
      String v = value(m);                       // "v<p>-<i>"
      int p = Integer.parseInt(v.substring(1, v.indexOf('-')));
      int i = Integer.parseInt(v.substring(v.indexOf('-') + 1));
      assertThat(m.position()).isEqualTo(Position.of(topic + "-" + p, i + 1));
      assertThat(text(m.key())).isEqualTo("k" + p + "-" + i);
      assertThat(text(m.headers().get("h"))).isEqualTo("h" + p + "-" + i);
      assertThat(m.timestampMs()).isEqualTo(BASE_TS + i);
    }
    assertThat(s.assignedPartitions()).containsExactlyInAnyOrder(topic + "-0", topic + "-1", topic + "-2");
  }

  @Test
  void readReturnsIdleWhenNothingArrives() throws Exception {
    String topic = unique("idle");
    kafka.createTopic(topic, 1);
    KafkaSource s = source(topic, unique("g"));

    assertThat(s.read(100, Duration.ofMillis(300))).isInstanceOf(SourceChunk.Idle.class);
  }

  @Test
  void readNeverReturnsMoreThanAsked() throws Exception {
    String topic = unique("max");
    kafka.createTopic(topic, 1);
    produce(topic, 1, 50);
    KafkaSource s = source(topic, unique("g"));
    List<Integer> sizes = new ArrayList<>();
    int total = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (total < 50 && System.nanoTime() < deadline) {
      if (s.read(7, Duration.ofMillis(200)) instanceof SourceChunk.Messages m) {
        sizes.add(m.messages().size());
        total += m.messages().size();
      }
    }
    assertThat(total).isEqualTo(50);
    assertThat(sizes).allMatch(n -> n <= 7);
  }

  @Test
  void seekFromACheckpointResumesJustAfterEachPosition() throws Exception {
    String topic = unique("seek");
    kafka.createTopic(topic, 2);
    produce(topic, 2, 10);
    KafkaSource s = source(topic, unique("g"));
    s.seek(Checkpoint.of(Position.of(topic + "-0", 4), Position.of(topic + "-1", 7)));

    List<RawMessage> got = readUntilQuiet(s, Duration.ofSeconds(3));

    assertThat(got).extracting(KafkaSourceIT::value).containsExactlyInAnyOrder(
        "v0-4", "v0-5", "v0-6", "v0-7", "v0-8", "v0-9", "v1-7", "v1-8", "v1-9");
  }

  @Test
  void acknowledgeCommitsOffsetsWhereANewMemberOfTheGroupStarts() throws Exception {
    String topic = unique("ack");
    String group = unique("g");
    kafka.createTopic(topic, 2);
    produce(topic, 2, 10);
    KafkaSource first = source(topic, group);
    assertThat(readAtLeast(first, 20)).hasSize(20);
    first.acknowledge(Checkpoint.of(Position.of(topic + "-0", 6), Position.of(topic + "-1", 10)));
    first.close();
    open.remove(first);

    KafkaSource second = source(topic, group);
    List<RawMessage> got = readUntilQuiet(second, Duration.ofSeconds(3));

    assertThat(got).extracting(KafkaSourceIT::value).containsExactlyInAnyOrder("v0-6", "v0-7", "v0-8", "v0-9");
  }

  @Test
  void acknowledgeIgnoresPartitionsTheConsumerDoesNotOwn() throws Exception {
    String topic = unique("ack-foreign");
    String group = unique("g");
    kafka.createTopic(topic, 1);
    produce(topic, 1, 3);
    KafkaSource s = source(topic, group);
    readAtLeast(s, 3);

    s.acknowledge(Checkpoint.of(Position.of("other-topic-0", 5), Position.of(topic + "-0", 3)));

    var committed = kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    assertThat(committed).hasSize(1);
    assertThat(committed.values().iterator().next().offset()).isEqualTo(3);
  }

  @Test
  void coordinatorPositionsWinOverTheGroupsCommittedOffsets() throws Exception {
    String topic = unique("assigned-wins");
    String group = unique("g");
    kafka.createTopic(topic, 1);
    produce(topic, 1, 10);
    KafkaSource first = source(topic, group);
    readAtLeast(first, 10);
    first.acknowledge(Checkpoint.of(Position.of(topic + "-0", 2)));
    first.close();
    open.remove(first);

    KafkaSource second = source(topic, group);
    FakeCoordinator coordinator = new FakeCoordinator(Checkpoint.of(Position.of(topic + "-0", 8)), second::assignedPartitions);
    second.bind(coordinator);
    List<RawMessage> got = readUntilQuiet(second, Duration.ofSeconds(3));

    assertThat(got).extracting(KafkaSourceIT::value).containsExactly("v0-8", "v0-9");
    assertThat(coordinator.calls()).first().isEqualTo(new FakeCoordinator.Call("assigned", Set.of(topic + "-0")));
  }

  @Test
  void lagCountsRecordsNotYetRead() throws Exception {
    String topic = unique("lag");
    kafka.createTopic(topic, 1);
    produce(topic, 1, 20);
    KafkaSource s = source(topic, unique("g"));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!(s.read(5, Duration.ofMillis(200)) instanceof SourceChunk.Messages) && System.nanoTime() < deadline) {
      // until the first records arrive
    }
    assertThat(s.lag()).containsKey(topic + "-0");
    readUntilQuiet(s, Duration.ofSeconds(2));
    s.read(5, Duration.ofMillis(100));
    assertThat(s.lag()).containsEntry(topic + "-0", 0L);
  }

  @Test
  void rebalanceFlushesBeforeRevokingAndSplitsPartitionsWithoutLossOrDuplicates() throws Exception {
    String topic = unique("rebalance");
    String group = unique("g");
    kafka.createTopic(topic, 4);
    produce(topic, 4, 250);
    // a fast heartbeat: a learns of b's join quickly
    Map<String, String> props = Map.of("heartbeat.interval.ms", "200");
    KafkaSource a = source(topic, group, props);
    KafkaSource b = source(topic, group, props);
    FakeCoordinator ca = new FakeCoordinator(Checkpoint.empty(), a::assignedPartitions);
    FakeCoordinator cb = new FakeCoordinator(Checkpoint.empty(), b::assignedPartitions);
    a.bind(ca);
    b.bind(cb);
    List<RawMessage> all = new CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    Map<KafkaSource, Set<String>> finalAssignment = new HashMap<>();

    // a alone first: it takes all four partitions and reads a little
    List<RawMessage> firstReads = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (firstReads.isEmpty() && System.nanoTime() < deadline) {
      if (a.read(10, Duration.ofMillis(200)) instanceof SourceChunk.Messages m) firstReads.addAll(m.messages());
    }
    all.addAll(firstReads);
    assertThat(a.assignedPartitions()).hasSize(4);

    // then b joins; each source reads on its own thread, as in two logpro instances
    Thread ta = reader(a, all, stop, finalAssignment);
    Thread tb = reader(b, all, stop, finalAssignment);
    ta.start();
    tb.start();
    deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while ((all.size() < 1000 || cb.calls().isEmpty()) && System.nanoTime() < deadline) Thread.sleep(100);
    Thread.sleep(300);
    stop.set(true);
    ta.join();
    tb.join();

    assertThat(ca.calls()).anySatisfy(c -> {
      assertThat(c.kind()).isEqualTo("flushAndCommit");
      assertThat(c.partitions()).hasSize(4);   // flushed while a still owned them
    });
    Set<String> pa = finalAssignment.get(a);
    Set<String> pb = finalAssignment.get(b);
    assertThat(pa).isNotEmpty();
    assertThat(pb).isNotEmpty();
    assertThat(pa).doesNotContainAnyElementsOf(pb);
    Set<String> union = new HashSet<>(pa);
    union.addAll(pb);
    assertThat(union).hasSize(4);
    // a committed what it had handed out when it gave the partitions up: b went on from there
    assertThat(all).extracting(KafkaSourceIT::value).doesNotHaveDuplicates().hasSize(1000);
  }

  private static Thread reader(KafkaSource s, List<RawMessage> sink, AtomicBoolean stop, Map<KafkaSource, Set<String>> assignment) {
    return new Thread(() -> {
      try {
        while (!stop.get()) {
          if (s.read(5, Duration.ofMillis(100)) instanceof SourceChunk.Messages m) sink.addAll(m.messages());
          Thread.sleep(10); // slow enough that the partitions move while records remain
        }
        synchronized (assignment) {
          assignment.put(s, s.assignedPartitions());
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
