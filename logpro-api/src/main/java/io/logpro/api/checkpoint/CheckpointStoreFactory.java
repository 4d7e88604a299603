package io.logpro.api.checkpoint;

import io.logpro.api.ComponentFactory;
import io.logpro.api.config.Config;

/** Creates a checkpoint store, chosen by the {@code type:} of {@code reliability.checkpoint_store}. */
public interface CheckpointStoreFactory extends ComponentFactory {
  /**
   * @param pipeline the pipeline's name: one store (a database table) may hold many pipelines
   * @param stateDir the pipeline's {@code reliability.state_dir}, for stores that keep local files
   */
  CheckpointStore create(Config config, String pipeline, String stateDir);
}
