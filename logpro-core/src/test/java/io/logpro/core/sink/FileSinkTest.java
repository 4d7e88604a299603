package io.logpro.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.api.config.MapConfig;
import io.logpro.api.sink.Transactional;
import io.logpro.core.engine.ComponentContextForTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {
  @TempDir Path dir;

  private FileSink sink() {
    return (FileSink) new FileSink.Factory().create(MapConfig.of(FileSink.Factory.SPEC, Map.of("path", dir.toString())));
  }

  private static Batch batch(BufferAllocator a, long... values) {
    VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(Field.nullable("v", new ArrowType.Int(64, true)))), a);
    BigIntVector v = (BigIntVector) root.getVector(0);
    v.allocateNew(values.length);
    for (int i = 0; i < values.length; i++) v.set(i, values[i]);
    root.setRowCount(values.length);
    return new Batch(root, null, Checkpoint.empty());
  }

  private List<String> committedLines() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".ndjson")).sorted().flatMap(p -> {
        try {
          return Files.readAllLines(p).stream();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }

  @Test
  void rowsAppearOnlyAfterCommitAndTheCheckpointIsRemembered() throws Exception {
    try (var a = new RootAllocator()) {
      FileSink s = sink();
      s.open(ComponentContextForTests.of(a));
      try (Batch b = batch(a, 1, 2)) {
        s.write(b);
      }
      assertThat(committedLines()).isEmpty();
      s.commit(Checkpoint.of(Position.of("p", 2)));
      assertThat(committedLines()).containsExactly("{\"v\":1}", "{\"v\":2}");
      s.close();
      FileSink again = sink();
      again.open(ComponentContextForTests.of(a));
      assertThat(((Transactional) again).committed()).isEqualTo(Checkpoint.of(Position.of("p", 2)));
      again.close();
    }
  }

  @Test
  void uncommittedRowsAreDiscardedOnReopen() throws Exception {
    try (var a = new RootAllocator()) {
      FileSink s = sink();
      s.open(ComponentContextForTests.of(a));
      try (Batch b = batch(a, 1)) {
        s.write(b);
      }
      // crash: no commit, no close
      FileSink again = sink();
      again.open(ComponentContextForTests.of(a));
      assertThat(committedLines()).isEmpty();
      assertThat(again.committed().isEmpty()).isTrue();
      try (Stream<Path> tmp = Files.list(dir.resolve("_tmp"))) {
        assertThat(tmp).isEmpty();
      }
      again.close();
    }
  }

  @Test
  void aCommitInterruptedAfterItsRecordIsRolledForwardOnReopen() throws Exception {
    Files.createDirectories(dir.resolve("_tmp"));
    Files.createDirectories(dir.resolve("_commits"));
    Files.writeString(dir.resolve("_tmp/part-000000-000.ndjson"), "{\"v\":7}\n");
    Files.writeString(dir.resolve("_commits/00000000000000000000.commit"), Checkpoint.of(Position.of("p", 7)).toJson() + "\npart-000000-000.ndjson\n");
    try (var a = new RootAllocator()) {
      FileSink s = sink();
      s.open(ComponentContextForTests.of(a));
      assertThat(committedLines()).containsExactly("{\"v\":7}");
      assertThat(s.committed().get("p").sequence()).isEqualTo(7);
      s.close();
    }
  }

  static List<Path> scratchDirectories() throws java.io.IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("logpro-warm-up-")).toList();
    }
  }

  @Test
  void warmUpWritesNothingHereAndLeavesNoScratchBehind() throws Exception {
    List<Path> before = scratchDirectories();
    try (var a = new RootAllocator(); FileSink s = sink()) {
      s.open(ComponentContextForTests.of(a));
      try (Batch b = batch(a, 1, 2, 3)) {
        s.warmUp(b);
      }
      assertThat(s.committed()).isEqualTo(Checkpoint.empty());
      assertThat(committedLines()).isEmpty();
      try (Batch b = batch(a, 7)) {
        s.write(b);
      }
      s.commit(Checkpoint.of(Position.of("f", 1)));
    }
    assertThat(committedLines()).containsExactly("{\"v\":7}");
    assertThat(scratchDirectories()).containsExactlyInAnyOrderElementsOf(before);
  }
}
