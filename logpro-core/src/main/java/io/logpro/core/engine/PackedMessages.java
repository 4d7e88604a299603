package io.logpro.core.engine;

import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * One unit's raw messages packed into a few arrays: every value and key in one byte array, the
 * timestamps and positions in primitive arrays. {@link #get(int)} hands out an equal
 * {@link RawMessage} made on the spot.
 *
 * <p>Why: a unit's messages live from the read to the last sink's write (about a second at full
 * speed), longer than the time between two young collections. As sources deliver them, each is
 * several objects (the record, its byte array, its position, the client's own record), and the
 * collector copied and then promoted a second's worth of them, which made the old generation fill
 * and cost a full collection every second or so: a quarter of the Kafka benchmark's wall time.
 * Packed, what lives on is a handful of arrays per unit, and the source's objects die young.
 */
final class PackedMessages extends AbstractList<RawMessage> implements RandomAccess {
  private final int size;
  private final byte[] data;
  /** Where message i's value starts in {@link #data}; its key (when it has one) follows the value. */
  private final int[] valueStart;
  private final int[] valueLength;
  /** -1 for a message without a key; null when no message has one. */
  private final int[] keyLength;
  private final long[] timestamps;
  private final String[] partitions;
  /** Index into {@link #partitions}, -1 for a message without a position. */
  private final int[] partition;
  private final long[] sequence;
  /** Null when every position's token is empty. */
  private final String[] tokens;
  /** Null when no message has headers. */
  private final Map<String, byte[]>[] headers;
  /** Null when no message has a format context. */
  private final Object[] formatContexts;

  @SuppressWarnings("unchecked")
  private PackedMessages(List<RawMessage> messages) {
    size = messages.size();
    long total = 0;
    boolean anyKey = false;
    boolean anyHeaders = false;
    boolean anyContext = false;
    boolean anyToken = false;
    for (RawMessage m : messages) {
      total += m.length();
      if (m.key() != null) {
        anyKey = true;
        total += m.key().length;
      }
      anyHeaders |= !m.headers().isEmpty();
      anyContext |= m.formatContext() != null;
      anyToken |= m.position() != null && !m.position().token().isEmpty();
    }
    if (total > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("a unit of " + total + " bytes is too big to pack");
    data = new byte[(int) total];
    valueStart = new int[size];
    valueLength = new int[size];
    keyLength = anyKey ? new int[size] : null;
    timestamps = new long[size];
    partition = new int[size];
    sequence = new long[size];
    tokens = anyToken ? new String[size] : null;
    headers = anyHeaders ? new Map[size] : null;
    formatContexts = anyContext ? new Object[size] : null;
    Map<String, Integer> partitionIndex = new HashMap<>();
    String lastPartition = null;
    int lastIndex = -1;
    int at = 0;
    for (int i = 0; i < size; i++) {
      RawMessage m = messages.get(i);
      valueStart[i] = at;
      valueLength[i] = m.length();
      System.arraycopy(m.buffer(), m.offset(), data, at, m.length());
      at += m.length();
      if (keyLength != null) {
        byte[] key = m.key();
        keyLength[i] = key == null ? -1 : key.length;
        if (key != null) {
          System.arraycopy(key, 0, data, at, key.length);
          at += key.length;
        }
      }
      timestamps[i] = m.timestampMs();
      Position p = m.position();
      if (p == null) {
        partition[i] = -1;
      } else {
        // a unit holds few partitions, mostly in runs: compare with the last one before hashing
        if (!p.partition().equals(lastPartition)) {
          lastPartition = p.partition();
          lastIndex = partitionIndex.computeIfAbsent(lastPartition, k -> partitionIndex.size());
        }
        partition[i] = lastIndex;
        sequence[i] = p.sequence();
        if (tokens != null) tokens[i] = p.token();
      }
      if (headers != null) headers[i] = m.headers();
      if (formatContexts != null) formatContexts[i] = m.formatContext();
    }
    partitions = new String[partitionIndex.size()];
    partitionIndex.forEach((name, index) -> partitions[index] = name);
  }

  /** The messages, packed; the list given can be reused once this returns. */
  static PackedMessages pack(List<RawMessage> messages) {
    return new PackedMessages(messages);
  }

  @Override
  public RawMessage get(int i) {
    if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i);
    byte[] key = null;
    if (keyLength != null && keyLength[i] >= 0) {
      int from = valueStart[i] + valueLength[i];
      key = Arrays.copyOfRange(data, from, from + keyLength[i]); // a copy: a key is small and rarely asked for
    }
    return new RawMessage(data, valueStart[i], valueLength[i], key, headers == null ? Map.of() : headers[i], timestamps[i], position(i),
        formatContexts == null ? null : formatContexts[i]);
  }

  @Override
  public int size() {
    return size;
  }

  private Position position(int i) {
    return partition[i] < 0 ? null : new Position(partitions[partition[i]], sequence[i], tokens == null ? "" : tokens[i]);
  }
}
