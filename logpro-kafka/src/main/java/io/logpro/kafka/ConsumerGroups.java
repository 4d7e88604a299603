package io.logpro.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;

/**
 * Where a {@code kafka} source tells a transactional {@code kafka} sink of the same pipeline
 * which consumer group it reads for, so that the sink can commit the group's offsets inside its
 * transaction (Kafka-to-Kafka exactly once). Keyed by pipeline name; the source registers on
 * {@code open} and removes itself on {@code close}.
 *
 * <p>Why a registry: the SPI gives sinks no handle on the pipeline's source. The metadata is a
 * supplier of a snapshot the source refreshes on its own thread after every poll, because a
 * consumer may not be touched from the sink's thread.
 */
public final class ConsumerGroups {
  private static final Map<String, Supplier<ConsumerGroupMetadata>> BY_PIPELINE = new ConcurrentHashMap<>();

  private ConsumerGroups() {}

  public static void register(String pipeline, Supplier<ConsumerGroupMetadata> metadata) {
    BY_PIPELINE.put(pipeline, metadata);
  }

  public static void unregister(String pipeline, Supplier<ConsumerGroupMetadata> metadata) {
    BY_PIPELINE.remove(pipeline, metadata);
  }

  /** The group metadata of the pipeline's kafka source, or null when it has none. */
  public static ConsumerGroupMetadata metadata(String pipeline) {
    Supplier<ConsumerGroupMetadata> s = BY_PIPELINE.get(pipeline);
    return s == null ? null : s.get();
  }
}
