package io.logpro.cdc;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;

/**
 * Debezium's offset store inside a CDC source. The sinks' checkpoints are the truth: the store
 * starts from the offset of the checkpoint the source was sought to, and what Debezium flushes
 * into it (the offsets of acknowledged changes) stays in memory, for Debezium's own reconnects.
 *
 * <p>Debezium creates the store by class name, so the source hands it its state through
 * {@link #register} under the engine's {@code name}, which the store reads from its worker config.
 * Keys are compared as parsed JSON ({@code ["name", {partition}]}), not as bytes, so the order of
 * a partition map's entries does not matter.
 */
public final class LogproOffsetStore implements OffsetBackingStore {
  private static final Map<String, Seed> SEEDS = new ConcurrentHashMap<>();

  /** What a source hands the store of its engine: the offsets to start from and its resume rewrite. */
  static final class Seed {
    private final Map<Map<String, Object>, Map<String, Object>> offsets = new ConcurrentHashMap<>();
    private final UnaryOperator<Map<String, Object>> resume;

    Seed(ResumeToken start, UnaryOperator<Map<String, Object>> resume) {
      this.resume = resume;
      if (start != null) offsets.put(start.partition(), start.offset());
    }

    /** The offsets Debezium has flushed (or the start), by source partition. */
    Map<Map<String, Object>, Map<String, Object>> offsets() {
      return Map.copyOf(offsets);
    }
  }

  static void register(String engineName, Seed seed) {
    SEEDS.put(engineName, seed);
  }

  /** The offset the engine resumes from, as Debezium sees it (null when it starts afresh). */
  static Map<String, Object> resumeOffset(String engineName) {
    Seed seed = SEEDS.get(engineName);
    if (seed == null || seed.offsets.size() != 1) return null;
    return seed.resume.apply(seed.offsets.values().iterator().next());
  }

  static void unregister(String engineName) {
    SEEDS.remove(engineName);
  }

  private Seed seed;

  public LogproOffsetStore() {}

  @Override
  public void configure(WorkerConfig config) {
    Object name = config.originals().get("name");
    seed = name == null ? null : SEEDS.get(name.toString());
    if (seed == null) {
      throw new IllegalStateException("LogproOffsetStore is only used by logpro's CDC sources (no state for engine '" + name + "')");
    }
  }

  @Override
  public void start() {}

  @Override
  public void stop() {}

  @Override
  public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
    Map<ByteBuffer, ByteBuffer> out = new HashMap<>();
    for (ByteBuffer key : keys) {
      if (key == null) continue;
      Map<String, Object> partition = ResumeToken.partitionOfStoreKey(bytes(key));
      Map<String, Object> offset = partition == null ? null : seed.offsets.get(partition);
      if (offset != null) out.put(key, ByteBuffer.wrap(ResumeToken.offsetBytes(seed.resume.apply(offset))));
    }
    return CompletableFuture.completedFuture(out);
  }

  @Override
  public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
    values.forEach((key, value) -> {
      Map<String, Object> partition = key == null ? null : ResumeToken.partitionOfStoreKey(bytes(key));
      if (partition == null) return;
      Map<String, Object> offset = value == null ? null : ResumeToken.offsetOfStoreValue(bytes(value));
      if (offset == null) seed.offsets.remove(partition);
      else seed.offsets.put(partition, offset);
    });
    if (callback != null) callback.onCompletion(null, null);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public Set<Map<String, Object>> connectorPartitions(String connectorName) {
    return new HashSet<>(seed.offsets.keySet());
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
