package io.logpro.core.testing;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;
import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.config.FieldType;
import io.logpro.api.sink.Sink;
import io.logpro.api.sink.SinkFactory;
import io.logpro.api.sink.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.vector.FieldVector;

/**
 * Test sink: a named in-memory "table" that outlives the pipeline (static), transactional:
 * rows and checkpoint become visible together on commit. Can be told to fail on a given write.
 */
public final class MemorySink implements Sink, Transactional {
  public static final class Table {
    public final List<List<Object>> rows = new ArrayList<>();
    public Checkpoint checkpoint = Checkpoint.empty();
    public int commits;
    /** The rows of {@link Sink#warmUp} samples (never part of {@link #rows}), and when each ended and the first write began. */
    public final List<List<Object>> warmUpRows = new ArrayList<>();
    public volatile long warmUpEndedAt;
    public volatile long firstWriteAt;
  }

  public static final Map<String, Table> TABLES = new ConcurrentHashMap<>();

  private final String table;
  private final long failOnWrite;
  private final boolean transactional;
  private final List<List<Object>> buffer = new ArrayList<>();
  private long writes;
  private long refuseMultipleOf;
  private io.logpro.api.sink.SinkContext context;

  MemorySink(String table, long failOnWrite, boolean transactional) {
    this.table = table;
    this.failOnWrite = failOnWrite;
    this.transactional = transactional;
  }

  public static Table table(String name) {
    return TABLES.computeIfAbsent(name, k -> new Table());
  }

  @Override
  public void open(PipelineContext context) {
    this.context = io.logpro.api.sink.SinkContext.of(context);
  }

  @Override
  public Checkpoint committed() {
    return transactional ? table(table).checkpoint : Checkpoint.empty();
  }

  @Override
  public void warmUp(Batch sample) {
    Table t = table(table);
    synchronized (t) {
      for (int r = 0; r < sample.rowCount(); r++) t.warmUpRows.add(row(sample, r));
    }
    t.warmUpEndedAt = System.nanoTime();
  }

  private static List<Object> row(Batch batch, int r) {
    List<Object> row = new ArrayList<>();
    for (FieldVector v : batch.root().getFieldVectors()) {
      Object o = v.getObject(r);
      row.add(o == null ? null : o.toString());
    }
    return row;
  }

  @Override
  public void write(Batch batch) {
    if (writes == 0 && table(table).firstWriteAt == 0) table(table).firstWriteAt = System.nanoTime();
    if (++writes == failOnWrite) throw new IllegalStateException("injected failure on write " + writes);
    for (int r = 0; r < batch.rowCount(); r++) {
      Object first = batch.root().getFieldVectors().get(0).getObject(r);
      if (refuseMultipleOf > 0 && first instanceof Number n && n.longValue() % refuseMultipleOf == 0) {
        context.reject(batch, r, "refused: " + n + " is a multiple of " + refuseMultipleOf);
        continue;
      }
      buffer.add(row(batch, r));
    }
  }

  @Override
  public void commit(Checkpoint checkpoint) {
    Table t = table(table);
    synchronized (t) {
      t.rows.addAll(buffer);
      t.checkpoint = checkpoint;
      t.commits++;
    }
    buffer.clear();
  }

  @Override
  public void close() {
    buffer.clear();
  }

  public static final class Factory implements SinkFactory {
    @Override
    public ConfigSpec spec() {
      return ConfigSpec.builder("memory", "Test sink.")
          .field(FieldSpec.string("table", "Table name.").asRequired())
          .field(FieldSpec.of("fail_on_write", FieldType.LONG, "Throw on this write (1-based); 0 never.").withDefault(0L))
          .field(FieldSpec.bool("transactional", "Store positions with the rows.").withDefault(true))
          .field(FieldSpec.of("refuse_multiple_of", FieldType.LONG, "Refuse rows whose first column is a multiple of this; 0 never.").withDefault(0L))
          .build();
    }

    @Override
    public Sink create(Config config) {
      MemorySink sink = new MemorySink(config.string("table"), config.longValue("fail_on_write"), config.bool("transactional"));
      sink.refuseMultipleOf = config.longValue("refuse_multiple_of");
      if (config.bool("transactional")) return sink;
      return new Sink() { // hides Transactional, like a sink that cannot store positions
        @Override
        public void open(io.logpro.api.PipelineContext context) {}

        @Override
        public void write(io.logpro.api.Batch batch) {
          sink.write(batch);
        }

        @Override
        public void commit(Checkpoint checkpoint) {
          sink.commit(checkpoint);
        }

        @Override
        public void close() {
          sink.close();
        }
      };
    }
  }
}
