package io.logpro.core.checkpoint;

import io.logpro.api.Checkpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Keeps the positions every sink has committed, for sinks that cannot store them in their own
 * transaction (stdout, plain files). Saved with {@link AtomicFiles} (write a temporary file, fsync,
 * rename over the old one, fsync the folder): a crash leaves the old or the new one. The default store.
 */
public final class FileCheckpointStore implements io.logpro.api.checkpoint.CheckpointStore {
  private final Path file;

  public FileCheckpointStore(Path file) {
    this.file = file;
  }

  @Override
  public Checkpoint load() {
    try {
      return Checkpoint.fromJson(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Checkpoint.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + file, e);
    }
  }

  @Override
  public void save(Checkpoint checkpoint) throws IOException {
    AtomicFiles.write(file, checkpoint.toJson().getBytes(StandardCharsets.UTF_8));
  }

  public Path file() {
    return file;
  }
}
