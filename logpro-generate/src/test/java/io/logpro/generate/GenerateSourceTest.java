package io.logpro.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;
import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.config.ConfigException;
import io.logpro.api.config.MapConfig;
import io.logpro.api.source.Seekable;
import io.logpro.api.source.Source;
import io.logpro.api.source.SourceChunk;
import io.logpro.api.source.SourceFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GenerateSourceTest {
  private static final Duration WAIT = Duration.ofMillis(100);
  private final BufferAllocator allocator = new RootAllocator();
  private final PipelineContext context = new PipelineContext() {
    @Override
    public String pipelineName() {
      return "test";
    }

    @Override
    public String componentName() {
      return "source";
    }

    @Override
    public BufferAllocator allocator() {
      return allocator;
    }
  };

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private static Source create(Map<String, ?> values) {
    return new GenerateSourceFactory().create(MapConfig.of(GenerateSourceFactory.SPEC, values));
  }

  /** Reads until END, in chunks of {@code chunk}. */
  private static List<RawMessage> drain(Source source, int chunk) throws Exception {
    List<RawMessage> out = new ArrayList<>();
    while (true) {
      SourceChunk c = source.read(chunk, WAIT);
      if (c instanceof SourceChunk.End) return out;
      if (c instanceof SourceChunk.Messages m) {
        assertThat(m.messages()).hasSizeLessThanOrEqualTo(chunk);
        out.addAll(m.messages());
      }
    }
  }

  private static String text(RawMessage m) {
    return new String(m.buffer(), m.offset(), m.length(), StandardCharsets.UTF_8);
  }

  private static String expected(long seed, long row) {
    ByteSink sink = new ByteSink();
    new TaxiGenerator(seed).encodeNdjson(row, sink);
    return new String(sink.toByteArray(), StandardCharsets.UTF_8);
  }

  @Test
  void factoryIsFoundByServiceLoader() {
    assertThat(ServiceLoader.load(SourceFactory.class).stream().map(p -> p.get().type()))
        .contains("generate");
  }

  @Test
  void readsTheConfiguredRowsThenEnds() throws Exception {
    try (Source source = create(Map.of("rows", 2500L, "seed", 7L))) {
      source.open(context);
      List<RawMessage> messages = drain(source, 1000);
      assertThat(messages).hasSize(2500);
      for (int i = 0; i < messages.size(); i += 97) {
        RawMessage m = messages.get(i);
        assertThat(text(m)).isEqualTo(expected(7, i));
        assertThat(m.position()).isEqualTo(Position.of("generate:taxi:7", i + 1));
      }
      assertThat(source.read(10, WAIT)).isInstanceOf(SourceChunk.End.class);
    }
  }

  @Test
  void messagesCarryThePickupAsTimestamp() throws Exception {
    TaxiGenerator generator = new TaxiGenerator(42);
    try (Source source = create(Map.of("rows", 3000L))) {
      source.open(context);
      List<RawMessage> messages = drain(source, 500);
      for (int i = 0; i < messages.size(); i++) {
        TaxiTrip t = generator.trip(i);
        long expected = t.pickup() == null ? RawMessage.NO_TIMESTAMP
            : t.pickup().toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
        assertThat(messages.get(i).timestampMs()).as("row %d", i).isEqualTo(expected);
      }
    }
  }

  @Test
  void startOffsetsTheRange() throws Exception {
    try (Source source = create(Map.of("rows", 10L, "start", 100L))) {
      source.open(context);
      List<RawMessage> messages = drain(source, 4);
      assertThat(messages).hasSize(10);
      assertThat(text(messages.get(0))).isEqualTo(expected(42, 100));
      assertThat(messages.get(9).position().sequence()).isEqualTo(110);
    }
  }

  @Test
  void seekResumesAtTheRowAfterTheCheckpoint() throws Exception {
    List<RawMessage> all;
    try (Source source = create(Map.of("rows", 1000L))) {
      source.open(context);
      all = drain(source, 300);
    }
    Position committed = all.get(636).position(); // row 636 done
    try (Source source = create(Map.of("rows", 1000L))) {
      source.open(context);
      ((Seekable) source).seek(Checkpoint.of(committed, Position.of("elsewhere", 5)));
      List<RawMessage> rest = drain(source, 300);
      assertThat(rest).hasSize(1000 - 637);
      assertThat(text(rest.get(0))).isEqualTo(text(all.get(637)));
      assertThat(rest.get(0).position().sequence()).isEqualTo(638);
    }
  }

  @Test
  void seekToTheLastPositionEndsAtOnce() throws Exception {
    try (Source source = create(Map.of("rows", 50L))) {
      source.open(context);
      ((Seekable) source).seek(Checkpoint.of(Position.of("generate:taxi:42", 50)));
      assertThat(source.read(10, WAIT)).isInstanceOf(SourceChunk.End.class);
    }
  }

  @Test
  void seekIgnoresOtherSeedsPartitions() throws Exception {
    try (Source source = create(Map.of("rows", 50L, "seed", 1L))) {
      source.open(context);
      ((Seekable) source).seek(Checkpoint.of(Position.of("generate:taxi:42", 30)));
      assertThat(drain(source, 100)).hasSize(50);
    }
  }

  @Test
  void messagesOfOneReadShareOneBuffer() throws Exception {
    try (Source source = create(Map.of("rows", 20L))) {
      source.open(context);
      SourceChunk.Messages chunk = (SourceChunk.Messages) source.read(20, WAIT);
      assertThat(chunk.messages()).extracting(RawMessage::buffer).containsOnly(chunk.messages().get(0).buffer());
      assertThat(chunk.messages().get(1).offset()).isEqualTo(chunk.messages().get(0).length());
    }
  }

  @Test
  void rateThrottlesDelivery() throws Exception {
    try (Source source = create(Map.of("rows", 100_000L, "rate", 2000.0))) {
      source.open(context);
      long t0 = System.nanoTime();
      int rows = 0;
      while (System.nanoTime() - t0 < 300_000_000L) {
        if (source.read(10_000, Duration.ofMillis(20)) instanceof SourceChunk.Messages m) rows += m.messages().size();
      }
      // 0.3 s at 2000 rows/s is about 600 rows; unthrottled it would be tens of thousands.
      assertThat(rows).isBetween(300, 1200);
    }
  }

  @Test
  void zeroRowsEndsImmediately() throws Exception {
    try (Source source = create(Map.of("rows", 0L))) {
      source.open(context);
      assertThat(source.read(10, WAIT)).isInstanceOf(SourceChunk.End.class);
    }
  }

  @Test
  void negativeRowsIsAConfigError() {
    assertThatThrownBy(() -> create(Map.of("rows", -1L))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("rows").hasMessageContaining("found -1");
  }

  @Test
  void nonPositiveRateIsAConfigError() {
    assertThatThrownBy(() -> create(Map.of("rows", 10L, "rate", 0))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("rate");
  }

  @Test
  void everySpecFieldIsDocumented() {
    assertThat(GenerateSourceFactory.SPEC.fields()).allSatisfy(f -> assertThat(f.doc()).isNotBlank());
    assertThat(GenerateSourceFactory.SPEC.field("rows").orElseThrow().required()).isTrue();
  }
}
