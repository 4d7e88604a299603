package io.logpro.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Topic administration the CLI and tests need. */
public final class KafkaTopics {
  private KafkaTopics() {}

  /**
   * Creates {@code topic} with {@code partitions} partitions (the brokers' default replication
   * factor) unless it exists. Returns whether this call created it.
   */
  public static boolean createIfAbsent(String brokers, String topic, int partitions) throws Exception {
    return createIfAbsent(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers), topic, partitions);
  }

  /** As {@link #createIfAbsent(String, String, int)}, with admin client properties (security...). */
  public static boolean createIfAbsent(Map<String, Object> adminProperties, String topic, int partitions) throws Exception {
    if (partitions < 1) throw new IllegalArgumentException("partitions must be at least 1, found " + partitions);
    Map<String, Object> props = new HashMap<>(adminProperties);
    props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(props)) {
      if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) return false;
      try {
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
        awaitLeaders(admin, topic);
        return true;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof TopicExistsException) return false;   // created meanwhile by someone else
        throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
      } catch (TimeoutException e) {
        throw new IllegalStateException("cannot create topic " + topic + ": no answer from " + props.get("bootstrap.servers") + " in 30 s", e);
      }
    }
  }

  /**
   * Waits until every partition of a new topic has a leader: writes sent before that fail with
   * NOT_LEADER_OR_FOLLOWER, which can leave an idempotent producer retrying out-of-order batches.
   */
  private static void awaitLeaders(Admin admin, String topic) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
        if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          // the metadata names a leader before that broker serves the partition: ask each leader itself
          Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
          for (var p : description.partitions()) {
            latest.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest());
          }
          admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
          return;
        }
      } catch (ExecutionException | TimeoutException e) {
        // metadata not propagated, or the leader not serving yet: ask again
      }
      if (System.nanoTime() > deadline) throw new IllegalStateException("topic " + topic + " has partitions without a leader after 30 s");
      Thread.sleep(50);
    }
  }

  /** The number of partitions of {@code topic}, or 0 when it does not exist. */
  public static int partitions(String brokers, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
      if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) return 0;
      return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
    }
  }
}
