package io.logpro.api.source;

import io.logpro.api.Checkpoint;
import java.util.Collection;

/** The engine's side of partition assignment; see {@link Rebalancing}. */
public interface PartitionCoordinator {
  /**
   * Where to resume each of {@code partitions}: the earliest position that every sink has
   * committed, read fresh from the sinks (another instance may have advanced them). Partitions
   * absent from the result start at the source's own default (its committed offset or earliest).
   * The engine also makes sinks skip rows they already hold for these partitions.
   */
  Checkpoint assigned(Collection<String> partitions) throws Exception;

  /**
   * Blocks until every record read so far has been written and committed by every sink (and
   * acknowledged); called before partitions are given up so that the next owner starts there.
   */
  void flushAndCommit() throws Exception;
}
