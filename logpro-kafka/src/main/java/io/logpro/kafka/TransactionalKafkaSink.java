package io.logpro.kafka;

import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;
import io.logpro.api.Position;
import io.logpro.api.sink.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka to Kafka exactly once: the messages of a commit interval and the source consumer
 * group's offsets are committed in one Kafka transaction. The transaction begins with the first
 * write; {@link #commit} adds the checkpoint's offsets for the group (with the source consumer's
 * group metadata from {@link ConsumerGroups}, which fences a member that lost its partitions)
 * and commits. What the transactions stored is the group's committed offsets:
 * {@link #committed()} reads them back.
 */
public final class TransactionalKafkaSink extends KafkaSink implements Transactional {
  private static final Logger log = LoggerFactory.getLogger(TransactionalKafkaSink.class);
  private Admin admin;
  private String pipeline;
  private boolean inTransaction;
  private String transactionalId;

  public TransactionalKafkaSink(Settings settings) {
    super(settings);
  }

  @Override
  public void open(PipelineContext context) throws Exception {
    super.open(context);
    pipeline = context.pipelineName();
    // Fences an older producer with the same id and aborts what it left open.
    producer.initTransactions();
    Map<String, Object> adminProps = new HashMap<>(settings.properties());
    adminProps.keySet().removeIf(k -> k.startsWith("transaction") || k.startsWith("enable.idempotence"));
    admin = Admin.create(adminProps);
  }

  @Override
  protected Map<String, Object> producerProperties(PipelineContext context) {
    Map<String, Object> p = super.producerProperties(context);
    transactionalId = settings.transactionalId() != null ? settings.transactionalId() : context.pipelineName() + "-" + context.componentName();
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    return p;
  }

  @Override
  protected void beforeSend() {
    if (!inTransaction) {
      producer.beginTransaction();
      inTransaction = true;
    }
  }

  @Override
  public void commit(Checkpoint checkpoint) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (Position p : checkpoint.positions().values()) {
      TopicPartition tp = TopicPartitions.parse(p.partition());
      if (tp != null) offsets.put(tp, new OffsetAndMetadata(p.sequence()));
    }
    if (!inTransaction && offsets.isEmpty()) return;
    beforeSend();
    try {
      producer.flush();
      checkDelivered();
      if (!offsets.isEmpty()) producer.sendOffsetsToTransaction(offsets, groupMetadata());
      producer.commitTransaction();
      inTransaction = false;
    } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
      // Fatal for this producer: another instance took over the transactional id, or the log is inconsistent.
      inTransaction = false;
      throw new IllegalStateException("kafka sink " + name + ": transaction cannot commit (" + e.getMessage()
          + "); another instance may use transactional id " + transactionalId, e);
    } catch (Exception e) {
      abort();
      throw e;
    }
  }

  private ConsumerGroupMetadata groupMetadata() {
    ConsumerGroupMetadata md = ConsumerGroups.metadata(pipeline);
    if (md == null) {
      throw new IllegalStateException("kafka sink " + name + ": transactional: true needs a kafka source in pipeline '"
          + pipeline + "' to commit its consumer group's offsets with the messages");
    }
    if (!md.groupId().equals(settings.group())) {
      throw new IllegalStateException("kafka sink " + name + ": group '" + settings.group()
          + "' does not match the kafka source's group '" + md.groupId() + "'");
    }
    return md;
  }

  private void abort() {
    if (!inTransaction) return;
    inTransaction = false;
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      log.warn("kafka sink {}: abort failed: {}", name, e.getMessage());
    }
  }

  /** The consumer group's committed offsets, which the transactions stored, as positions. */
  @Override
  public Checkpoint committed() throws Exception {
    var offsets = admin.listConsumerGroupOffsets(settings.group(), new ListConsumerGroupOffsetsOptions().requireStable(true))
        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    List<Position> out = new ArrayList<>();
    offsets.forEach((tp, om) -> {
      if (om != null) out.add(Position.of(TopicPartitions.name(tp), om.offset()));
    });
    return Checkpoint.of(out);
  }

  /** An open transaction is aborted: nothing of it becomes visible to read_committed consumers. */
  @Override
  public void close() throws Exception {
    if (producer != null) abort();
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
    super.close();
  }
}
