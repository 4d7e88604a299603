package io.logpro.kafka;

import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;
import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.source.Acknowledging;
import io.logpro.api.source.Lagging;
import io.logpro.api.source.PartitionCoordinator;
import io.logpro.api.source.Partitioned;
import io.logpro.api.source.Rebalancing;
import io.logpro.api.source.Seekable;
import io.logpro.api.source.Source;
import io.logpro.api.source.SourceChunk;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Kafka topics as a member of a consumer group. Each record becomes a {@link RawMessage}
 * (the value array itself, no copy) whose position is {@code <topic>-<partition>} at
 * {@code offset + 1}, Kafka's "next offset". Offsets are committed only when the engine
 * acknowledges what every sink has committed ({@link #acknowledge}), or when partitions are
 * revoked after the engine flushed everything read from them.
 *
 * <p>Single-threaded like the Kafka consumer itself: every method runs on the engine's reader
 * thread. Only {@link #lag()}, {@link #recordsBehind()} and the group metadata snapshot are read
 * from other threads.
 */
public final class KafkaSource implements Source, Seekable, Acknowledging, Rebalancing, Partitioned, Lagging {
  private static final Logger log = LoggerFactory.getLogger(KafkaSource.class);
  private static final byte[] EMPTY = new byte[0];
  static final int DEFAULT_MAX_POLL_RECORDS = 2000;

  /** What the factory validated. */
  public record Settings(Map<String, Object> properties, List<String> topics, Pattern topicPattern, String group,
                         String start, Duration pollTimeout) {
    public Settings {
      properties = Map.copyOf(properties);
      topics = topics == null ? List.of() : List.copyOf(topics);
    }
  }

  private final Settings settings;
  private final Set<TopicPartition> owned = new HashSet<>();
  /** Per owned partition, the offset after the last record handed to the engine. */
  private final Map<TopicPartition, Long> delivered = new HashMap<>();
  /** Records polled beyond what the last read asked for. */
  private final ArrayDeque<ConsumerRecord<byte[], ByteBuffer>> buffered = new ArrayDeque<>();
  private final Supplier<ConsumerGroupMetadata> metadataSupplier = this::groupMetadata;
  private KafkaConsumer<byte[], ByteBuffer> consumer;
  private PartitionCoordinator coordinator;
  private Checkpoint initial = Checkpoint.empty();
  private String pipeline;
  private boolean closing;
  private volatile ConsumerGroupMetadata groupMetadata;
  private volatile Map<String, Long> lag = Map.of();
  private volatile long recordsBehind = -1;

  public KafkaSource(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void open(PipelineContext context) {
    pipeline = context.pipelineName();
    consumer = new KafkaConsumer<>(consumerProperties(settings, context.pipelineName() + "-" + context.componentName()));
    if (settings.topicPattern() != null) {
      consumer.subscribe(settings.topicPattern(), new Listener());
    } else {
      consumer.subscribe(settings.topics(), new Listener());
    }
    groupMetadata = consumer.groupMetadata();
    ConsumerGroups.register(pipeline, metadataSupplier);
  }

  static Map<String, Object> consumerProperties(Settings settings, String clientId) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, DEFAULT_MAX_POLL_RECORDS);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.putAll(settings.properties());
    Object auto = p.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
    if (auto != null && Boolean.parseBoolean(auto.toString())) {
      log.warn("kafka source: enable.auto.commit is ignored; offsets are committed once the sinks hold the records");
    }
    // Offsets move only when sinks have committed (acknowledge) or on revocation after a flush.
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.start());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    // the value as the client holds it, not copied into a new array: the engine packs each unit's
    // values into one array anyway, and the copy was a tenth of what the pipeline allocated
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteBufferDeserializer.class.getName());
    return p;
  }

  @Override
  public void bind(PartitionCoordinator coordinator) {
    this.coordinator = coordinator;
  }

  /** Remembered and applied on each assignment, where the coordinator's fresher positions win. */
  @Override
  public void seek(Checkpoint checkpoint) {
    initial = checkpoint == null ? Checkpoint.empty() : checkpoint;
  }

  @Override
  public SourceChunk read(int maxRecords, Duration maxWait) {
    if (buffered.isEmpty()) {
      Duration wait = maxWait.compareTo(settings.pollTimeout()) < 0 ? maxWait : settings.pollTimeout();
      ConsumerRecords<byte[], ByteBuffer> records = consumer.poll(wait);
      groupMetadata = consumer.groupMetadata();
      for (ConsumerRecord<byte[], ByteBuffer> r : records) buffered.add(r);
      refreshLag();
    }
    if (buffered.isEmpty()) return SourceChunk.IDLE;
    int n = Math.min(maxRecords, buffered.size());
    List<RawMessage> out = new ArrayList<>(n);
    // A poll returns records in runs of one partition: its name and delivered offset are taken once per run.
    TopicPartition tp = null;
    String name = null;
    long next = -1;
    for (int i = 0; i < n; i++) {
      ConsumerRecord<byte[], ByteBuffer> r = buffered.poll();
      if (tp == null || r.partition() != tp.partition() || !r.topic().equals(tp.topic())) {
        if (tp != null) delivered.put(tp, next);
        tp = new TopicPartition(r.topic(), r.partition());
        name = TopicPartitions.name(tp);
      }
      next = r.offset() + 1;
      out.add(toMessage(r, name));
    }
    if (tp != null) delivered.put(tp, next);
    return new SourceChunk.Messages(out);
  }

  /** {@code partition}: the record's partition name ("<topic>-<partition>"). */
  static RawMessage toMessage(ConsumerRecord<byte[], ByteBuffer> r, String partition) {
    ByteBuffer v = r.value();
    byte[] buffer;
    int offset;
    int length;
    if (v == null) {
      buffer = EMPTY;
      offset = 0;
      length = 0;
    } else if (v.hasArray()) { // a slice of the record's or the fetch's bytes; nobody writes to them
      buffer = v.array();
      offset = v.arrayOffset() + v.position();
      length = v.remaining();
    } else {
      buffer = new byte[v.remaining()];
      v.duplicate().get(buffer);
      offset = 0;
      length = buffer.length;
    }
    Map<String, byte[]> headers = Map.of();
    Header[] hs = r.headers().toArray();
    if (hs.length > 0) {
      headers = new LinkedHashMap<>(hs.length * 2);
      for (Header h : hs) headers.put(h.key(), h.value() == null ? EMPTY : h.value());
    }
    Position position = Position.of(partition, r.offset() + 1);
    return new RawMessage(buffer, offset, length, r.key(), headers, r.timestamp(), position, null);
  }

  /** Commits the acknowledged positions of the partitions this consumer still owns. */
  @Override
  public void acknowledge(Checkpoint committed) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (Position p : committed.positions().values()) {
      TopicPartition tp = TopicPartitions.parse(p.partition());
      if (tp != null && owned.contains(tp)) offsets.put(tp, new OffsetAndMetadata(p.sequence()));
    }
    if (offsets.isEmpty()) return;
    try {
      consumer.commitSync(offsets);
    } catch (CommitFailedException | RebalanceInProgressException e) {
      // The partitions are moving; their next owner resumes from what the sinks hold, not from this offset.
      log.warn("kafka source: offset commit skipped during a rebalance: {}", e.getMessage());
    }
  }

  @Override
  public Set<String> assignedPartitions() {
    Set<String> names = new HashSet<>();
    for (TopicPartition tp : owned) names.add(TopicPartitions.name(tp));
    return names;
  }

  /** Records between each owned partition's position and its end, as of the last poll ({@code "<topic>-<partition>"}). */
  public Map<String, Long> lag() {
    return lag;
  }

  /**
   * The lag summed over the owned partitions whose lag the consumer knows, as of the last poll;
   * -1 before the first poll that knew any. Read by the metrics scrape: the consumer itself is
   * not thread-safe, so this never touches it.
   */
  @Override
  public long recordsBehind() {
    return recordsBehind;
  }

  /** The consumer group's metadata as of the last poll (for transactional offset commits). */
  public ConsumerGroupMetadata groupMetadata() {
    return groupMetadata;
  }

  /** After each poll, on the reader thread: currentLag reads the consumer's last fetch, no broker call. */
  private void refreshLag() {
    Map<String, Long> m = new TreeMap<>();
    long total = 0;
    for (TopicPartition tp : owned) {
      OptionalLong l = consumer.currentLag(tp);
      if (l.isPresent()) {
        m.put(TopicPartitions.name(tp), l.getAsLong());
        total += l.getAsLong();
      }
    }
    lag = m;
    recordsBehind = m.isEmpty() ? -1 : total;
  }

  private void dropBuffered(Collection<TopicPartition> partitions) {
    buffered.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
  }

  private final class Listener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      groupMetadata = consumer.groupMetadata();
      if (partitions.isEmpty()) return;
      owned.addAll(partitions);
      List<String> names = new ArrayList<>(partitions.size());
      for (TopicPartition tp : partitions) names.add(TopicPartitions.name(tp));
      Checkpoint resume;
      try {
        resume = coordinator == null ? Checkpoint.empty() : coordinator.assigned(names);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("kafka source: cannot resolve positions of " + names, e);
      }
      for (TopicPartition tp : partitions) {
        String name = TopicPartitions.name(tp);
        delivered.remove(tp);
        // The sinks' positions win over the group's offsets; without either, auto.offset.reset (start) applies.
        Position p = resume.get(name);
        if (p == null) p = initial.get(name);
        if (p != null) consumer.seek(tp, p.sequence());
      }
      log.info("kafka source: assigned {}", names);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) return;
      // A transactional sink committing during the flush fences with this generation.
      if (!closing) groupMetadata = consumer.groupMetadata();
      if (!closing && coordinator != null) {
        // Everything read so far is written and committed by the sinks before the partitions go,
        // so their next owner starts exactly after it.
        try {
          coordinator.flushAndCommit();
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException("kafka source: flush before giving up " + partitions + " failed", e);
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
          Long next = delivered.get(tp);
          if (next != null) offsets.put(tp, new OffsetAndMetadata(next));
        }
        if (!offsets.isEmpty()) consumer.commitSync(offsets);
      }
      giveUp(partitions);
      log.info("kafka source: revoked {}", partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      // Already owned by another member: nothing may be committed for them any more.
      giveUp(partitions);
      log.warn("kafka source: lost {}", partitions);
    }

    private void giveUp(Collection<TopicPartition> partitions) {
      dropBuffered(partitions);
      owned.removeAll(partitions);
      partitions.forEach(delivered::remove);
    }
  }

  @Override
  public void close() {
    closing = true;
    if (pipeline != null) ConsumerGroups.unregister(pipeline, metadataSupplier);
    if (consumer != null) {
      consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(10)));
      consumer = null;
    }
  }
}
