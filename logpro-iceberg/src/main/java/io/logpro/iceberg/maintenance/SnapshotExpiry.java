package io.logpro.iceberg.maintenance;

import io.logpro.iceberg.SnapshotLineage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.ExpireSnapshots;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires snapshots older than a duration beyond the last N, and deletes the files only they
 * referenced. Never expired: the latest snapshot of every (pipeline, sink) pair found in the
 * summaries of the table's history, because {@code committed()} of that pipeline reads its
 * positions there (see {@link SnapshotLineage}); the heads of branches and tags and the history
 * of branches other than main.
 *
 * <p>The snapshots to expire are chosen here and named one by one to Iceberg's
 * {@code ExpireSnapshots} (its own age rule is switched off), so nothing else goes.
 */
public final class SnapshotExpiry {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotExpiry.class);

  public record Options(Duration olderThan, int retainLast) {
    public Options {
      if (olderThan == null || olderThan.isNegative()) throw new IllegalArgumentException("older-than must be a positive duration");
      if (retainLast < 1) throw new IllegalArgumentException("retain-last must be at least 1, found " + retainLast);
    }
  }

  /**
   * @param before          snapshots before
   * @param expired         snapshots expired
   * @param keptForPipelines snapshots older than the cut that were kept as a pipeline's latest
   * @param pipelines       the (pipeline/sink) pairs whose latest snapshots were found
   * @param filesDeleted    data, manifest and manifest-list files deleted with them
   */
  public record Result(int before, int expired, int keptForPipelines, List<String> pipelines, long filesDeleted) {
    public int after() {
      return before - expired;
    }
  }

  private SnapshotExpiry() {}

  public static Result run(Table table, Options options) {
    return run(table, options, System.currentTimeMillis());
  }

  /** As at {@code nowMillis} (tests, and callers with their own clock). */
  public static Result run(Table table, Options options, long nowMillis) {
    table.refresh();
    long cutoff = nowMillis - options.olderThan().toMillis();
    List<Snapshot> all = new ArrayList<>();
    table.snapshots().forEach(all::add);
    List<Snapshot> lineage = SnapshotLineage.of(table);
    Set<Long> keep = new HashSet<>();
    for (int i = 0; i < Math.min(options.retainLast(), lineage.size()); i++) keep.add(lineage.get(i).snapshotId());
    Map<SnapshotLineage.Writer, Snapshot> latest = SnapshotLineage.latestByWriter(table);
    Set<Long> pipelineLatest = new HashSet<>();
    latest.values().forEach(s -> pipelineLatest.add(s.snapshotId()));
    keep.addAll(pipelineLatest);
    for (Map.Entry<String, SnapshotRef> ref : table.refs().entrySet()) {
      keep.add(ref.getValue().snapshotId());
      if (ref.getValue().isBranch() && !SnapshotRef.MAIN_BRANCH.equals(ref.getKey())) {
        for (Snapshot s : SnapshotUtil.ancestorsOf(ref.getValue().snapshotId(), table::snapshot)) keep.add(s.snapshotId());
      }
    }
    List<Long> expire = new ArrayList<>();
    int keptForPipelines = 0;
    for (Snapshot s : all) {
      if (s.timestampMillis() >= cutoff) continue;
      if (keep.contains(s.snapshotId())) {
        if (pipelineLatest.contains(s.snapshotId())) keptForPipelines++;
        continue;
      }
      expire.add(s.snapshotId());
    }
    List<String> pipelines = latest.keySet().stream().map(SnapshotLineage.Writer::toString).toList();
    if (expire.isEmpty()) return new Result(all.size(), 0, keptForPipelines, pipelines, 0);
    AtomicLong deleted = new AtomicLong();
    ExpireSnapshots op = table.expireSnapshots()
        .expireOlderThan(Long.MIN_VALUE) // Iceberg's age rule off: only the snapshots named below go
        .deleteWith(location -> {
          table.io().deleteFile(location);
          deleted.incrementAndGet();
        })
        .cleanExpiredFiles(true);
    expire.forEach(op::expireSnapshotId);
    op.commit();
    table.refresh();
    LOG.info("expired {} of {} snapshots of {} ({} files deleted); kept the latest of {}", expire.size(), all.size(), table.name(),
        deleted.get(), pipelines);
    return new Result(all.size(), expire.size(), keptForPipelines, pipelines, deleted.get());
  }
}
