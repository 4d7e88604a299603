package io.logpro.api.source;

/**
 * A source whose partitions come and go while it runs (Kafka consumer groups). The engine binds
 * a {@link PartitionCoordinator} before the first read; the source calls it from its own
 * thread (inside its read, e.g. from a rebalance listener): to seek newly assigned partitions to
 * what the sinks hold, and to have everything read so far committed before it gives partitions up.
 */
public interface Rebalancing {
  void bind(PartitionCoordinator coordinator);
}
