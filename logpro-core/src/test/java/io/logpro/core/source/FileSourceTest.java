package io.logpro.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.config.MapConfig;
import io.logpro.api.source.SourceChunk;
import io.logpro.core.engine.ComponentContextForTests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {
  @TempDir Path dir;

  private FileSource source(Map<String, Object> extra) {
    Map<String, Object> cfg = new java.util.HashMap<>(Map.of("paths", List.of(dir + "/*.csv"), "format", Map.of("type", "csv")));
    cfg.putAll(extra);
    return (FileSource) new FileSourceFactory().create(MapConfig.of(FileSourceFactory.SPEC, cfg));
  }

  private static List<String> readAll(FileSource s, int max) throws Exception {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      SourceChunk c = s.read(max, Duration.ofMillis(10));
      if (c instanceof SourceChunk.End) return out;
      if (c instanceof SourceChunk.Messages m) {
        for (RawMessage msg : m.messages()) out.add(new String(msg.bytes(), StandardCharsets.UTF_8).strip());
      }
      if (c instanceof SourceChunk.Idle) return out;
    }
    return out;
  }

  private void write(String name, String text) throws Exception {
    Files.writeString(dir.resolve(name), text);
  }

  @Test
  void readsMatchingFilesInNameOrder() throws Exception {
    write("b.csv", "x\n3\n4\n");
    write("a.csv", "x\n1\n2\n");
    write("c.txt", "x\n9\n");
    try (var alloc = new RootAllocator(); FileSource s = source(Map.of())) {
      s.open(ComponentContextForTests.of(alloc));
      assertThat(readAll(s, 10)).containsExactly("1", "2", "3", "4");
    }
  }

  @Test
  void resumesEachFileJustAfterItsCommittedPosition() throws Exception {
    write("a.csv", "x\n1\n2\n3\n");
    Position afterFirst;
    try (var alloc = new RootAllocator(); FileSource s = source(Map.of())) {
      s.open(ComponentContextForTests.of(alloc));
      SourceChunk.Messages m = (SourceChunk.Messages) s.read(1, Duration.ofMillis(10));
      afterFirst = m.messages().get(0).position();
    }
    try (var alloc = new RootAllocator(); FileSource s = source(Map.of())) {
      s.open(ComponentContextForTests.of(alloc));
      s.seek(Checkpoint.of(afterFirst));
      assertThat(readAll(s, 10)).containsExactly("2", "3");
    }
  }

  @Test
  void watchModePicksUpFilesThatAppearLater() throws Exception {
    write("a.csv", "x\n1\n");
    try (var alloc = new RootAllocator(); FileSource s = source(Map.of("watch", true, "poll_interval", "10ms"))) {
      s.open(ComponentContextForTests.of(alloc));
      assertThat(readAll(s, 10)).containsExactly("1");
      assertThat(s.read(10, Duration.ofMillis(20))).isInstanceOf(SourceChunk.Idle.class);
      write("b.csv", "x\n2\n");
      Thread.sleep(20);
      List<String> later = new ArrayList<>();
      for (int i = 0; i < 20 && later.isEmpty(); i++) later.addAll(readAll(s, 10));
      assertThat(later).containsExactly("2");
    }
  }

  @Test
  void aFinishedFileMovesToTheDoneFolderOnlyOnceItsLastPositionIsCommitted() throws Exception {
    write("a.csv", "x\n1\n2\n");
    Path done = dir.resolve("done");
    try (var alloc = new RootAllocator(); FileSource s = source(Map.of("done_dir", done.toString()))) {
      s.open(ComponentContextForTests.of(alloc));
      SourceChunk.Messages m = (SourceChunk.Messages) s.read(10, Duration.ofMillis(10));
      Position last = m.messages().get(1).position();
      assertThat(s.read(10, Duration.ofMillis(10))).isInstanceOf(SourceChunk.End.class);
      s.acknowledge(Checkpoint.of(m.messages().get(0).position()));
      assertThat(dir.resolve("a.csv")).exists();
      s.acknowledge(Checkpoint.of(last));
      assertThat(dir.resolve("a.csv")).doesNotExist();
      assertThat(done.resolve("a.csv")).exists();
    }
  }

  @Test
  void anUnreadableFileBecomesADeadLetterAndTheNextFileIsRead() throws Exception {
    Files.write(dir.resolve("a.parquet"), "PAR1 not really".getBytes());
    Files.write(dir.resolve("b.parquet"), "also not".getBytes());
    var cfg = MapConfig.of(FileSourceFactory.SPEC, Map.of("paths", List.of(dir + "/*.parquet"), "format", Map.of("type", "parquet")));
    try (var alloc = new RootAllocator(); FileSource s = (FileSource) new FileSourceFactory().create(cfg)) {
      s.open(ComponentContextForTests.of(alloc));
      SourceChunk first = s.read(10, Duration.ofMillis(10));
      assertThat(first).isInstanceOf(SourceChunk.Unreadable.class);
      SourceChunk.Unreadable u = (SourceChunk.Unreadable) first;
      assertThat(u.letter().error()).contains("a.parquet");
      assertThat(u.position().sequence()).isEqualTo(Long.MAX_VALUE);
      assertThat(s.read(10, Duration.ofMillis(10))).isInstanceOf(SourceChunk.Unreadable.class);
      assertThat(s.read(10, Duration.ofMillis(10))).isInstanceOf(SourceChunk.End.class);
    }
  }

  @Test
  void globsMatchRecursivelyWithDoubleStar() throws Exception {
    Files.createDirectories(dir.resolve("2024/01"));
    Files.writeString(dir.resolve("2024/01/x.csv"), "x\n1\n");
    Files.writeString(dir.resolve("top.csv"), "x\n1\n");
    assertThat(FileSource.expand(dir + "/**/*.csv")).extracting(p -> p.getFileName().toString()).containsExactly("x.csv");
    assertThat(FileSource.expand(dir + "/*.csv")).extracting(p -> p.getFileName().toString()).containsExactly("top.csv");
    assertThat(FileSource.expand(dir.toString())).extracting(p -> p.getFileName().toString()).containsExactly("top.csv");
  }
}
