package io.logpro.core.engine;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue between two pipeline stages, bounded by item count AND bytes: a producer blocks when
 * either is reached, which is how backpressure travels from a slow sink back to the source. One
 * item is always admitted into an empty queue, so an item larger than the byte bound still flows.
 */
public final class BoundedQueue<T> {
  private record Item<T>(T value, long bytes) {}

  private final ArrayDeque<Item<T>> items = new ArrayDeque<>();
  private final int maxItems;
  private final long maxBytes;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final Condition notEmpty = lock.newCondition();
  private long bytes;

  public BoundedQueue(int maxItems, long maxBytes) {
    this.maxItems = Math.max(1, maxItems);
    this.maxBytes = Math.max(1, maxBytes);
  }

  public void put(T value, long size) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (!items.isEmpty() && (items.size() >= maxItems || bytes + size > maxBytes)) notFull.await();
      items.addLast(new Item<>(value, size));
      bytes += size;
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  public T take() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (items.isEmpty()) notEmpty.await();
      return remove();
    } finally {
      lock.unlock();
    }
  }

  /** The next item, or null after {@code timeoutMs} without one. */
  public T poll(long timeoutMs) throws InterruptedException {
    long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    lock.lockInterruptibly();
    try {
      while (items.isEmpty()) {
        if (nanos <= 0) return null;
        nanos = notEmpty.awaitNanos(nanos);
      }
      return remove();
    } finally {
      lock.unlock();
    }
  }

  private T remove() {
    Item<T> it = items.removeFirst();
    bytes -= it.bytes();
    notFull.signalAll();
    return it.value();
  }

  public int size() {
    lock.lock();
    try {
      return items.size();
    } finally {
      lock.unlock();
    }
  }

  public long bytes() {
    lock.lock();
    try {
      return bytes;
    } finally {
      lock.unlock();
    }
  }

  /** Removes everything (used when a failed pipeline releases what is still queued). */
  public java.util.List<T> drain() {
    lock.lock();
    try {
      java.util.List<T> out = new java.util.ArrayList<>();
      while (!items.isEmpty()) out.add(remove());
      return out;
    } finally {
      lock.unlock();
    }
  }
}
