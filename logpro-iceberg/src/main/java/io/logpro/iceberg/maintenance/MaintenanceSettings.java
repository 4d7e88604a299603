package io.logpro.iceberg.maintenance;

import java.time.Duration;

/**
 * The {@code maintenance:} block of an iceberg sink: which jobs run in the background and how
 * often. A null duration turns its job off.
 *
 * @param compactEvery           compaction interval
 * @param targetFileSize         compaction's target file size (the sink's target_file_size)
 * @param expireOlderThan        expire snapshots older than this (keeping retainLast and every pipeline's latest)
 * @param retainLast             snapshots always kept by expiry
 * @param removeOrphansOlderThan remove unreferenced files older than this
 * @param every                  how often expiry and orphan removal run
 */
public record MaintenanceSettings(
    Duration compactEvery, long targetFileSize, Duration expireOlderThan, int retainLast, Duration removeOrphansOlderThan, Duration every) {
  public static final MaintenanceSettings NONE = new MaintenanceSettings(null, Compaction.DEFAULT_TARGET_FILE_SIZE, null, 1, null, Duration.ofHours(1));

  public MaintenanceSettings {
    if (retainLast < 1) throw new IllegalArgumentException("retain_last must be at least 1, found " + retainLast);
    if (every == null || every.isZero() || every.isNegative()) every = Duration.ofHours(1);
    if (targetFileSize <= 0) targetFileSize = Compaction.DEFAULT_TARGET_FILE_SIZE;
  }

  public boolean enabled() {
    return compactEvery != null || expireOlderThan != null || removeOrphansOlderThan != null;
  }
}
