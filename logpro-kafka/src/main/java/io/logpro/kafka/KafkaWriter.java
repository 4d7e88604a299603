package io.logpro.kafka;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes ready-made values to a topic as fast as the producer batches them (or at a given
 * rate): what {@code logpro generate ... --to kafka} needs. Idempotent producer, acks=all, lz4,
 * 256 KB batches; {@link #write} flushes at the end and fails with the first delivery error.
 */
public final class KafkaWriter implements AutoCloseable {
  /** @param records values written; bytes their total size; elapsed the time including the final flush. */
  public record Result(long records, long bytes, Duration elapsed) {
    public double recordsPerSecond() {
      return elapsed.isZero() ? 0 : records / (elapsed.toNanos() / 1e9);
    }
  }

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;

  public KafkaWriter(String brokers, String topic) {
    this(brokers, topic, Map.of());
  }

  /** @param properties extra producer properties; they win over the defaults */
  public KafkaWriter(String brokers, String topic, Map<String, Object> properties) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.putAll(properties);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(p);
    this.topic = topic;
  }

  /**
   * Writes {@code rows} values, the i-th being {@code value.apply(i)} (0-based; the array must
   * not be reused by the caller), at most {@code rate} per second ({@code <= 0}: no limit).
   */
  public Result write(LongFunction<byte[]> value, long rows, double rate) throws IOException, InterruptedException {
    AtomicReference<Exception> failure = new AtomicReference<>();
    AtomicLong failed = new AtomicLong();
    Callback callback = (md, e) -> {
      if (e != null) {
        failed.incrementAndGet();
        failure.compareAndSet(null, e);
      }
    };
    long start = System.nanoTime();
    long bytes = 0;
    long written = 0;
    for (long i = 0; i < rows; i++) {
      if (failure.get() != null) break;   // stop early: the rest would most likely fail the same way
      byte[] v = value.apply(i);
      if (v == null) break;
      producer.send(new ProducerRecord<>(topic, v), callback);
      bytes += v.length;
      written++;
      if (rate > 0) pace(start, i + 1, rate);
    }
    producer.flush();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    Exception e = failure.get();
    if (e != null) {
      throw new IOException(failed.get() + " of " + written + " messages to topic " + topic + " were not delivered: " + e.getMessage(), e);
    }
    return new Result(written, bytes, elapsed);
  }

  /** Writes up to {@code maxRows} values of {@code values} (all of them when it has fewer). */
  public Result write(Iterator<byte[]> values, long maxRows, double rate) throws IOException, InterruptedException {
    return write(i -> values.hasNext() ? values.next() : null, maxRows, rate);
  }

  /** Sleeps until the {@code sent}-th record is due; sub-millisecond gaps are left to the next call. */
  private static void pace(long startNanos, long sent, double rate) throws InterruptedException {
    long due = startNanos + (long) (sent * 1e9 / rate);
    long wait = due - System.nanoTime();
    if (wait > 1_000_000) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
