package io.logpro.kafka.testing;

import io.logpro.api.Checkpoint;
import io.logpro.api.source.PartitionCoordinator;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A {@link PartitionCoordinator} that answers assignments from a fixed checkpoint (what the
 * "sinks" hold) and records every call, with the partitions the source owned at that moment.
 */
public final class FakeCoordinator implements PartitionCoordinator {
  /** One call: "assigned" or "flushAndCommit", its partitions (assigned) or the owned ones (flush). */
  public record Call(String kind, Set<String> partitions) {}

  private final Checkpoint held;
  private final Supplier<Set<String>> owned;
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  /**
   * @param held  positions returned for assigned partitions
   * @param owned what the source owns now (its assignedPartitions), recorded with each flush
   */
  public FakeCoordinator(Checkpoint held, Supplier<Set<String>> owned) {
    this.held = held;
    this.owned = owned;
  }

  @Override
  public Checkpoint assigned(Collection<String> partitions) {
    calls.add(new Call("assigned", Set.copyOf(partitions)));
    return Checkpoint.of(held.positions().values().stream().filter(p -> partitions.contains(p.partition())).toList());
  }

  @Override
  public void flushAndCommit() {
    calls.add(new Call("flushAndCommit", Set.copyOf(owned.get())));
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }
}
