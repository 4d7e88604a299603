package io.logpro.cdc;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Debezium embedded engine on its own thread. Changes go to a {@link ChangeQueue}
 * through the {@code notifying(ChangeConsumer)} API; {@code handleBatch} does not mark them
 * processed. {@link #commit} does that later, with offsets the sinks have committed, so Debezium
 * flushes exactly those (and the PostgreSQL connector confirms the slot up to them).
 */
final class DebeziumRunner implements ChangeEngine {
  private static final Logger log = LoggerFactory.getLogger(DebeziumRunner.class);
  private static final long STOP_TIMEOUT_MS = 60_000;

  private final Properties properties;
  private final ChangeQueue queue;
  private final String label;
  private final CountDownLatch ended = new CountDownLatch(1);
  private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
  private volatile DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer;
  // Any event of this engine: markProcessed(event, offsets) takes the source partition from it.
  private volatile RecordChangeEvent<SourceRecord> carrier;

  DebeziumRunner(Properties properties, ChangeQueue queue, String label) {
    this.properties = properties;
    this.queue = queue;
    this.label = label;
  }

  @Override
  public void start() {
    engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
        .using(properties)
        .notifying(new Handler())
        .using((success, message, error) -> {
          if (success) log.info("{}: Debezium engine stopped: {}", label, message);
          else log.error("{}: Debezium engine failed: {}", label, message, error);
          queue.finish(new ChangeQueue.Outcome(success, message, error));
          ended.countDown();
        })
        .build();
    Thread t = new Thread(engine, "logpro-cdc-" + properties.getProperty("name"));
    t.setDaemon(true);
    t.start();
  }

  /**
   * Marks {@code offsets} processed, in order (Debezium keeps the last), and lets Debezium flush
   * them. Called from the source's thread; false when no change has arrived in this run yet.
   */
  @Override
  public boolean commit(List<Map<String, Object>> offsets) throws InterruptedException {
    var c = committer;
    var event = carrier;
    if (c == null || event == null || offsets.isEmpty()) return false;
    for (Map<String, Object> offset : offsets) {
      DebeziumEngine.Offsets o = c.buildOffsets();
      offset.forEach(o::set);
      c.markProcessed(event, o);
    }
    c.markBatchFinished();
    return true;
  }

  @Override
  public void close() throws InterruptedException {
    queue.close();
    if (engine == null) return;
    long deadline = System.currentTimeMillis() + STOP_TIMEOUT_MS;
    while (ended.getCount() > 0) {
      try {
        engine.close();
        break;
      } catch (IllegalStateException e) {
        // Debezium refuses to stop while its tasks are starting (they open connections) or twice.
        if (System.currentTimeMillis() > deadline || e.getMessage() == null || !e.getMessage().contains("starting")) break;
        Thread.sleep(100);
      } catch (java.io.IOException e) {
        log.warn("{}: stopping Debezium failed: {}", label, e.getMessage());
        break;
      }
    }
    if (!ended.await(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
      log.warn("{}: Debezium did not stop within {} s", label, STOP_TIMEOUT_MS / 1000);
    }
  }

  private final class Handler implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {
    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> c) throws InterruptedException {
      committer = c;
      for (RecordChangeEvent<SourceRecord> r : records) {
        carrier = r;
        if (!queue.put(r.record())) return;
      }
    }

    @Override
    public boolean supportsTombstoneEvents() {
      return false;
    }
  }
}
