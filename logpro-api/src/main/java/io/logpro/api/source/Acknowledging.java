package io.logpro.api.source;

import io.logpro.api.Checkpoint;

/**
 * A source that is told when positions are durably committed by every sink: it can then commit
 * a Kafka offset, advance a replication slot, or move a finished file to a done folder.
 */
public interface Acknowledging {
  void acknowledge(Checkpoint committed) throws Exception;
}
