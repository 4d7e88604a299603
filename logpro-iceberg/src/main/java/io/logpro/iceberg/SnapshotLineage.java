package io.logpro.iceberg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * The history of a table's current state, newest snapshot first, as logpro reads its committed
 * positions from it.
 *
 * <p>Snapshot expiry keeps the latest snapshot of every (pipeline, sink) but removes the ones in
 * between, so a parent pointer can lead to a snapshot that no longer exists. Where that happens
 * the walk goes on at the newest retained snapshot that is older (by sequence number, then
 * time) than the one it stopped at. That is the lineage as long as the table's current state was
 * never rolled back to an older snapshot while newer ones were kept: logpro never rolls back.
 */
public final class SnapshotLineage {
  private SnapshotLineage() {}

  private static final Comparator<Snapshot> AGE =
      Comparator.comparingLong(Snapshot::sequenceNumber).thenComparingLong(Snapshot::timestampMillis);

  /** The current snapshot and its (retained) ancestors, newest first; empty for a table without snapshots. */
  public static List<Snapshot> of(Table table) {
    List<Snapshot> out = new ArrayList<>();
    Snapshot s = table.currentSnapshot();
    Set<Long> seen = new HashSet<>();
    List<Snapshot> newestFirst = null;
    while (s != null && seen.add(s.snapshotId())) {
      out.add(s);
      Long parentId = s.parentId();
      if (parentId == null) break;
      Snapshot parent = table.snapshot(parentId);
      if (parent == null) { // expired: continue below the gap
        if (newestFirst == null) {
          newestFirst = new ArrayList<>();
          table.snapshots().forEach(newestFirst::add);
          newestFirst.sort(AGE.reversed());
        }
        for (Snapshot candidate : newestFirst) {
          if (!seen.contains(candidate.snapshotId()) && AGE.compare(candidate, s) < 0) {
            parent = candidate;
            break;
          }
        }
      }
      s = parent;
    }
    return out;
  }

  /** The (pipeline, sink) pair a logpro commit names in its summary, or null for other snapshots. */
  public record Writer(String pipeline, String sink) {
    public static Writer of(Snapshot s) {
      Map<String, String> summary = s.summary();
      String pipeline = summary.get(IcebergSink.PIPELINE);
      String sink = summary.get(IcebergSink.SINK);
      return pipeline == null || sink == null || !summary.containsKey(IcebergSink.CHECKPOINT) ? null : new Writer(pipeline, sink);
    }

    @Override
    public String toString() {
      return pipeline + "/" + sink;
    }
  }

  /** The latest snapshot of each (pipeline, sink) pair in the lineage: what their committed() reads. */
  public static Map<Writer, Snapshot> latestByWriter(Table table) {
    Map<Writer, Snapshot> out = new LinkedHashMap<>();
    for (Snapshot s : of(table)) {
      Writer w = Writer.of(s);
      if (w != null) out.putIfAbsent(w, s);
    }
    return out;
  }
}
