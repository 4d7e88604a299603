package io.logpro.core.checkpoint;

import io.logpro.api.checkpoint.CheckpointStore;
import io.logpro.api.checkpoint.CheckpointStoreFactory;
import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import java.nio.file.Path;

/** {@code checkpoint_store: {type: file}}: a JSON file per pipeline, replaced atomically (the default). */
public final class FileCheckpointStoreFactory implements CheckpointStoreFactory {
  static final ConfigSpec SPEC = ConfigSpec.builder("file",
          "A JSON file per pipeline, written to a temporary file, fsynced and renamed over the old one (the default store).")
      .field(FieldSpec.string("path", "The checkpoint file; default <state_dir>/<pipeline>.checkpoint.json.")
          .withExample("/var/lib/logpro/taxi.checkpoint.json"))
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public CheckpointStore create(Config config, String pipeline, String stateDir) {
    Path file = config.has("path") ? Path.of(config.string("path")) : Path.of(stateDir).resolve(pipeline + ".checkpoint.json");
    return new FileCheckpointStore(file);
  }
}
