package io.logpro.core.testing;

import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;
import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.source.Acknowledging;
import io.logpro.api.source.Seekable;
import io.logpro.api.source.Source;
import io.logpro.api.source.SourceChunk;
import io.logpro.api.source.SourceFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test source: the numbers 1..count as text, "oops" every {@code bad_every}-th record; seekable and acknowledging. */
public final class CountingSource implements Source, Seekable, Acknowledging {
  public static final String PARTITION = "count";
  private long partitions = 1;
  public static final List<Checkpoint> ACKS = new CopyOnWriteArrayList<>();

  private final long count;
  private final long badEvery;
  private long next = 1;

  CountingSource(long count, long badEvery) {
    this.count = count;
    this.badEvery = badEvery;
  }

  @Override
  public void open(PipelineContext context) {}

  @Override
  public void seek(Checkpoint checkpoint) {
    Position p = checkpoint.get(PARTITION);
    if (p != null) next = p.sequence() + 1;
  }

  @Override
  public SourceChunk read(int maxRecords, Duration maxWait) {
    if (next > count) return SourceChunk.END;
    List<RawMessage> out = new ArrayList<>();
    while (next <= count && out.size() < Math.min(maxRecords, 100)) {
      String text = badEvery > 0 && next % badEvery == 0 ? "oops" : Long.toString(next);
      String partition = partitions > 1 ? PARTITION + (next % partitions) : PARTITION;
      out.add(RawMessage.of(text.getBytes(StandardCharsets.UTF_8), Position.of(partition, next)));
      next++;
    }
    return new SourceChunk.Messages(out);
  }

  @Override
  public void acknowledge(Checkpoint committed) {
    ACKS.add(committed);
  }

  @Override
  public void close() {}

  public static final class Factory implements SourceFactory {
    @Override
    public ConfigSpec spec() {
      return ConfigSpec.builder("counting", "Test source: numbers as text.")
          .field(FieldSpec.of("count", io.logpro.api.config.FieldType.LONG, "How many.").asRequired())
          .field(FieldSpec.of("bad_every", io.logpro.api.config.FieldType.LONG, "Every n-th record is not a number.").withDefault(0L))
          .field(FieldSpec.component("format", "format", "Format."))
          .field(FieldSpec.of("partitions", io.logpro.api.config.FieldType.LONG,
              "Spread the numbers over this many partitions (count0, count1, ...: n goes to n % partitions).").withDefault(1L))
          .build();
    }

    @Override
    public Source create(Config config) {
      CountingSource s = new CountingSource(config.longValue("count"), config.longValue("bad_every"));
      s.partitions = config.longValue("partitions");
      return s;
    }
  }
}
