package io.logpro.api.source;

import io.logpro.api.Checkpoint;

/** A source that can resume from stored positions; with a transactional sink this gives exactly-once. */
public interface Seekable {
  /**
   * Resume each partition named in {@code checkpoint} just after its position. Called after
   * {@code open} and before the first {@code read}. Partitions not named start from the beginning.
   */
  void seek(Checkpoint checkpoint) throws Exception;
}
