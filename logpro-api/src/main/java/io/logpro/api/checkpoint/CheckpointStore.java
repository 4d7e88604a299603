package io.logpro.api.checkpoint;

import io.logpro.api.Checkpoint;

/**
 * Where the engine keeps a pipeline's acknowledged positions for sinks that cannot store them in
 * their own transaction (files, stdout, webhooks, Redis). The engine saves a checkpoint only after
 * every sink, the dead-letter sink included, has flushed and committed the rows it covers; it
 * loads it on start and on every partition assignment. A save is atomic: after a crash the store
 * holds the previous checkpoint or the new one, never a mix.
 */
public interface CheckpointStore extends AutoCloseable {

  /** The last saved checkpoint of this pipeline, or empty. */
  Checkpoint load() throws Exception;

  void save(Checkpoint checkpoint) throws Exception;

  @Override
  default void close() throws Exception {}
}
