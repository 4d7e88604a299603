package io.logpro.api.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory deleted with everything in it on close: the throwaway destination of a {@link Sink#warmUp}. */
public final class ScratchDirectory implements AutoCloseable {
  private final Path path;

  private ScratchDirectory(Path path) {
    this.path = path;
  }

  /** A new empty directory under {@code java.io.tmpdir}, named after {@code purpose}. */
  public static ScratchDirectory create(String purpose) throws IOException {
    return new ScratchDirectory(Files.createTempDirectory("logpro-" + purpose + "-"));
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() {
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete scratch directory " + path, e);
    }
  }
}
