package io.logpro.core.engine;

import io.logpro.api.Checkpoint;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Knows, for each unit of work (a sequence number), the cumulative positions up to it, and how
 * far each sink (the dead-letter sink included) has durably committed. A position becomes
 * acknowledgeable only when every sink has committed the unit that carries it — never before.
 */
final class AckTracker {
  private final ConcurrentSkipListMap<Long, Checkpoint> cumulativeBySeq = new ConcurrentSkipListMap<>();
  private final long[] committedSeq;
  private long acknowledgedSeq = -1;

  AckTracker(int sinks) {
    committedSeq = new long[sinks];
    Arrays.fill(committedSeq, -1);
  }

  void register(long seq, Checkpoint cumulative) {
    cumulativeBySeq.put(seq, cumulative);
  }

  /**
   * Sink {@code sink} has committed every unit up to {@code seq}. Returns the checkpoint that
   * every sink has now committed, if it advanced, else null.
   */
  synchronized Checkpoint committed(int sink, long seq) {
    if (seq > committedSeq[sink]) committedSeq[sink] = seq;
    long min = Long.MAX_VALUE;
    for (long s : committedSeq) min = Math.min(min, s);
    if (min <= acknowledgedSeq) return null;
    Map.Entry<Long, Checkpoint> e = cumulativeBySeq.floorEntry(min);
    acknowledgedSeq = min;
    if (e == null) return null;
    cumulativeBySeq.headMap(e.getKey(), false).clear();
    return e.getValue();
  }
}
