package io.logpro.api.source;

import java.util.Set;

/** A source whose partitions may be processed in parallel; order is kept within a partition. */
public interface Partitioned {
  /** The partitions currently assigned to this instance. */
  Set<String> assignedPartitions();
}
