package io.logpro.cdc;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/** What the source needs of the engine that captures changes: {@link DebeziumRunner}, or recorded changes in tests. */
interface ChangeEngine extends AutoCloseable {

  /** Starts capturing into the queue it was made with. */
  void start();

  /** Marks these source offsets processed, in order, and lets the engine flush them; false before the first change. */
  boolean commit(List<Map<String, Object>> offsets) throws InterruptedException;

  @Override
  void close() throws InterruptedException;

  @FunctionalInterface
  interface Factory {
    ChangeEngine create(Properties properties, ChangeQueue queue, String label);
  }
}
