package io.logpro.cdc;

import io.logpro.api.Checkpoint;
import io.logpro.api.DeadLetter;
import io.logpro.api.PipelineContext;
import io.logpro.api.Position;
import io.logpro.api.source.Acknowledging;
import io.logpro.api.source.Schematized;
import io.logpro.api.source.Seekable;
import io.logpro.api.source.Source;
import io.logpro.api.source.SourceChunk;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A change data capture source on the Debezium embedded engine (one class for all databases; a
 * {@link CdcDialect} holds the differences). Each chunk holds the changes of one table under one
 * schema, in source order, as Arrow columns (see {@link StructToArrow}); positions come from
 * {@link CdcPositions}.
 *
 * <p>The engine starts on the first read, after {@link #seek}: it resumes from the offset in the
 * sought checkpoint's token through {@link LogproOffsetStore}. {@link #acknowledge} hands the
 * committed positions' offsets back to Debezium ({@link DebeziumRunner#commit}), which is when
 * Debezium flushes them and the PostgreSQL connector confirms the replication slot.
 */
public final class CdcSource implements Source, Seekable, Acknowledging, Schematized {
  private static final Logger log = LoggerFactory.getLogger(CdcSource.class);
  /** Records between Debezium and the reader; handleBatch blocks beyond this. */
  static final int QUEUE_CAPACITY = 4096;

  /** Builds a source's Debezium properties once its pipeline is known (names default from it). */
  @FunctionalInterface
  public interface EngineProperties {
    Properties build(String pipelineName) throws IOException;
  }

  private final CdcDialect dialect;
  private final EngineProperties engineProperties;
  private final ChangeEngine.Factory engines;
  private BufferAllocator allocator;
  private Properties properties;
  private String label;
  private String engineName;
  private CdcPositions positions;
  private TableConverters converters;
  private ChangeQueue queue;
  private ChangeEngine runner;
  private ResumeToken resume;
  private Checkpoint acknowledged = Checkpoint.empty();
  private Change carry;
  private SourceChunk.Unreadable unreadable;
  private Position lastDelivered;
  private Heartbeat heartbeat;
  private Schema lastSchema;
  private boolean ended;

  /** A data change ready to be written. */
  private record Change(Struct value, Position position, StructToArrow converter, String table) {}

  /** A record without rows (a heartbeat): acknowledged with the change delivered just before it. */
  private record Heartbeat(Position after, Map<String, Object> offset) {}

  CdcSource(CdcDialect dialect, EngineProperties engineProperties) {
    this(dialect, engineProperties, DebeziumRunner::new);
  }

  CdcSource(CdcDialect dialect, EngineProperties engineProperties, ChangeEngine.Factory engines) {
    this.dialect = dialect;
    this.engineProperties = engineProperties;
    this.engines = engines;
  }

  @Override
  public void open(PipelineContext context) throws Exception {
    allocator = context.allocator();
    properties = engineProperties.build(context.pipelineName());
    String prefix = properties.getProperty("topic.prefix");
    label = dialect.type() + " " + prefix;
    engineName = "logpro-" + prefix + "-" + UUID.randomUUID();
    properties.setProperty("name", engineName);
    properties.setProperty("offset.storage", LogproOffsetStore.class.getName());
    properties.setProperty(BinlogSchemaHistory.ENGINE, engineName);
    positions = new CdcPositions(dialect, prefix);
    converters = new TableConverters(dialect);
    queue = new ChangeQueue(QUEUE_CAPACITY);
  }

  @Override
  public void seek(Checkpoint checkpoint) {
    if (runner != null) throw new IllegalStateException("seek after the first read");
    resume = positions.seek(checkpoint);
    List<Position> ours = new ArrayList<>();
    for (String p : List.of(positions.snapshotPartition(), positions.streamPartition())) {
      if (checkpoint.get(p) != null) ours.add(checkpoint.get(p));
    }
    acknowledged = Checkpoint.of(ours);
    if (resume != null) log.info("{}: resuming after {}", label, ours);
  }

  private void start() {
    LogproOffsetStore.register(engineName, new LogproOffsetStore.Seed(resume, dialect::resumeOffset));
    runner = engines.create(properties, queue, label);
    runner.start();
  }

  @Override
  public SourceChunk read(int maxRecords, Duration maxWait) throws Exception {
    if (runner == null) start();
    if (ended) return SourceChunk.END;
    if (unreadable != null) {
      SourceChunk u = unreadable;
      unreadable = null;
      return u;
    }
    Change first = carry;
    carry = null;
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (first == null) {
      SourceRecord r = queue.poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (r == null) return endOrIdle();
      first = change(r);
    }
    return chunk(first, Math.max(1, maxRecords));
  }

  /** The chunk that starts with {@code first}: the changes queued behind it of the same table, schema and partition. */
  private SourceChunk chunk(Change first, int limit) {
    StructToArrow converter = first.converter();
    String partition = first.position().partition();
    VectorSchemaRoot root = converter.newRoot(allocator, Math.min(limit, 1024));
    List<Position> rowPositions = new ArrayList<>();
    try {
      Change c = first;
      while (true) {
        try {
          converter.append(root, rowPositions.size(), c.value());
        } catch (RuntimeException e) {
          // A value Arrow cannot take: the change goes to the dead-letter output, the rest goes on.
          unreadable = deadLetter(c, e);
          if (rowPositions.isEmpty()) {
            root.close();
            SourceChunk u = unreadable;
            unreadable = null;
            return u;
          }
          break;
        }
        rowPositions.add(c.position());
        lastDelivered = c.position();
        if (rowPositions.size() >= limit) break;
        c = nextNow();
        if (c == null) break;
        if (c.converter() != converter || !c.table().equals(first.table()) || !c.position().partition().equals(partition)) {
          carry = c;
          break;
        }
      }
      root.setRowCount(rowPositions.size());
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
    lastSchema = root.getSchema();
    return new SourceChunk.Columnar(root, rowPositions.toArray(new Position[0]));
  }

  private SourceChunk.Unreadable deadLetter(Change c, RuntimeException e) {
    log.warn("{}: a change of {} cannot be converted: {}", label, c.table(), e.getMessage());
    byte[] json = ChangeJson.render(c.value());
    return new SourceChunk.Unreadable(new DeadLetter(e.getMessage(), "source", Instant.now(), dialect.type(), c.position(), json),
        c.position());
  }

  private SourceChunk endOrIdle() throws IOException {
    ChangeQueue.Outcome o = queue.outcome();
    if (o == null || !queue.isEmpty()) return SourceChunk.IDLE;
    if (!o.success()) {
      Throwable cause = o.error();
      String detail = cause == null ? "" : ": " + rootMessage(cause);
      throw new IOException(label + ": change capture stopped: " + o.message() + detail, cause);
    }
    ended = true;
    log.info("{}: change capture finished ({} snapshot rows)", label, positions.snapshotRows());
    return SourceChunk.END;
  }

  /** The next data change already queued, or null. */
  private Change nextNow() {
    SourceRecord r;
    while ((r = queue.pollNow()) != null) {
      Change c = change(r);
      if (c != null) return c;
    }
    return null;
  }

  /** A data change, or null for records without rows (heartbeats) and changes delivered before. */
  private Change change(SourceRecord r) {
    if (r.value() == null || !(r.value() instanceof Struct value) || !StructToArrow.isEnvelope(r.valueSchema())) {
      noRows(r);
      return null;
    }
    String op = value.getString("op");
    if (!("c".equals(op) || "u".equals(op) || "d".equals(op) || "r".equals(op))) {
      noRows(r);
      return null;
    }
    Struct source = value.getStruct("source");
    Position p = positions.assign(r.sourcePartition(), r.sourceOffset(), source, "r".equals(op));
    if (p == null) return null;
    String table = dialect.tableName(source);
    return new Change(value, p, converters.forSchemas(r.valueSchema(), r.keySchema(), table), table);
  }

  /** Records without rows still move Debezium's offset: acknowledged with what came before them. */
  private void noRows(SourceRecord r) {
    if (r.sourceOffset() == null || r.sourceOffset().isEmpty()) return;
    Map<String, Object> offset = new java.util.HashMap<>(r.sourceOffset());
    if (lastDelivered == null || acknowledged.covers(lastDelivered)) {
      // Everything before it is committed: hand it to Debezium now (an idle slot moves on).
      try {
        runner.commit(List.of(offset));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      heartbeat = null;
    } else {
      heartbeat = new Heartbeat(lastDelivered, offset);
    }
  }

  @Override
  public void acknowledge(Checkpoint committed) throws Exception {
    List<Map<String, Object>> offsets = new ArrayList<>();
    List<Position> advanced = new ArrayList<>();
    for (String partition : List.of(positions.snapshotPartition(), positions.streamPartition())) {
      Position p = committed.get(partition);
      if (p == null || acknowledged.covers(p) || p.token().isEmpty()) continue;
      offsets.add(ResumeToken.parse(p.token()).offset());
      advanced.add(p);
    }
    Heartbeat h = heartbeat;
    if (h != null && committed.covers(h.after())) {
      // Only when the commit ends exactly where the heartbeat came: a later change is newer.
      if (committed.get(h.after().partition()).sequence() == h.after().sequence()) offsets.add(h.offset());
      heartbeat = null;
    }
    if (advanced.isEmpty() && offsets.isEmpty()) return;
    acknowledged = acknowledged.merge(Checkpoint.of(advanced));
    if (runner != null) runner.commit(offsets);
  }

  @Override
  public Schema schema() {
    return lastSchema;
  }

  @Override
  public void close() throws Exception {
    try {
      if (runner != null) runner.close();
    } finally {
      if (engineName != null) LogproOffsetStore.unregister(engineName);
      carry = null;
      dialect.close();
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) c = c.getCause();
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
