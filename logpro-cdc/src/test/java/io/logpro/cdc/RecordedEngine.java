package io.logpro.cdc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.source.SourceRecord;

/** A {@link ChangeEngine} that delivers recorded change records and records what the source commits. */
final class RecordedEngine implements ChangeEngine {
  final List<SourceRecord> records;
  final List<Map<String, Object>> committed = new ArrayList<>();
  private final ChangeQueue.Outcome end;
  ChangeQueue queue;
  Properties properties;
  boolean closed;

  /** @param end how the engine ends after the records, or null to keep running */
  RecordedEngine(List<SourceRecord> records, ChangeQueue.Outcome end) {
    this.records = records;
    this.end = end;
  }

  ChangeEngine.Factory factory() {
    return (properties, queue, label) -> {
      this.properties = properties;
      this.queue = queue;
      return this;
    };
  }

  @Override
  public void start() {
    try {
      for (SourceRecord r : records) queue.put(r);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (end != null) queue.finish(end);
  }

  @Override
  public boolean commit(List<Map<String, Object>> offsets) {
    committed.addAll(offsets);
    return true;
  }

  @Override
  public void close() {
    closed = true;
  }

  /** A source of this dialect reading these records, opened and sought; positions use prefix "t". */
  static CdcSource open(CdcDialect dialect, RecordedEngine engine, TestContext context, io.logpro.api.Checkpoint from) throws Exception {
    CdcSource source = new CdcSource(dialect, pipeline -> {
      Properties p = new Properties();
      p.setProperty("topic.prefix", "t");
      return p;
    }, engine.factory());
    source.open(context);
    source.seek(from);
    return source;
  }
}
