package io.logpro.cdc;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The bounded hand-over from Debezium's thread to the source's reader. {@code put} blocks while
 * the queue is full, which holds Debezium's polling: a slow pipeline keeps memory flat. Also
 * carries how the engine ended.
 */
final class ChangeQueue {
  /** How the engine ended: normally (a snapshot-only run) or with an error. */
  record Outcome(boolean success, String message, Throwable error) {}

  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private final ArrayBlockingQueue<SourceRecord> queue;
  private volatile boolean closed;
  private volatile Outcome outcome;

  ChangeQueue(int capacity) {
    queue = new ArrayBlockingQueue<>(capacity);
  }

  /** Blocks while full; false when the queue was closed (the record is dropped: it was never acknowledged). */
  boolean put(SourceRecord record) throws InterruptedException {
    while (!closed) {
      if (queue.offer(record, SLICE_NANOS, TimeUnit.NANOSECONDS)) return !closed;
    }
    return false;
  }

  /** The next record, waiting at most {@code wait}; null when none came or the engine has ended. */
  SourceRecord poll(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      SourceRecord r = queue.poll();
      if (r != null) return r;
      long left = deadline - System.nanoTime();
      if (left <= 0 || outcome != null) return null;
      r = queue.poll(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS);
      if (r != null) return r;
    }
  }

  /** The next record if one is there. */
  SourceRecord pollNow() {
    return queue.poll();
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  void finish(Outcome o) {
    if (outcome == null) outcome = o;
  }

  /** How the engine ended, or null while it runs. */
  Outcome outcome() {
    return outcome;
  }

  void close() {
    closed = true;
    queue.clear();
  }
}
