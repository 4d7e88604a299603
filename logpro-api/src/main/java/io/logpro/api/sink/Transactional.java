package io.logpro.api.sink;

import io.logpro.api.Checkpoint;

/**
 * A sink that commits data and source positions atomically (an Iceberg snapshot summary, an
 * offsets table in the same database transaction) and can say what it last committed. The
 * engine seeks the source there on start, and skips batches the sink already holds.
 */
public interface Transactional {
  /** The positions stored with the last successful commit of this pipeline, or empty. Called after {@code open}. */
  Checkpoint committed() throws Exception;
}
