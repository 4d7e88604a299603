package io.logpro.iceberg.maintenance;

import io.logpro.iceberg.IcebergCatalogs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an iceberg sink's {@code maintenance:} jobs on a virtual thread of its own: compaction
 * every {@code compact_every}, snapshot expiry and orphan removal every {@code every}. It opens
 * its own catalog and table objects and shares nothing with the sink, so it never holds the
 * sink's lock or delays its commits beyond the catalog's own (optimistic) concurrency: a
 * compaction's rewrite does not conflict with the sink's appends. A failing job is logged at
 * WARN and tried again at its next interval; it never fails the pipeline. The first jobs run
 * one interval after the start.
 */
public final class BackgroundMaintenance implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundMaintenance.class);
  /**
   * How long close() lets a running job notice the stop and clean up before interrupting it (a
   * compaction stops between files; a commit in Iceberg's retry loop stops on the interrupt).
   */
  static final Duration STOP_GRACE = Duration.ofSeconds(5);

  /** Counts since the start, for tests and metrics. */
  public record Stats(long compactions, long filesCompacted, long expiries, long snapshotsExpired, long orphanRuns,
      long orphansRemoved, long failures) {}

  private final IcebergCatalogs.Settings catalogSettings;
  private final TableIdentifier tableId;
  private final MaintenanceSettings settings;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private volatile boolean stopping;
  private final Thread thread;
  private Catalog catalog;
  private final AtomicLong compactions = new AtomicLong();
  private final AtomicLong filesCompacted = new AtomicLong();
  private final AtomicLong expiries = new AtomicLong();
  private final AtomicLong snapshotsExpired = new AtomicLong();
  private final AtomicLong orphanRuns = new AtomicLong();
  private final AtomicLong orphansRemoved = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  private BackgroundMaintenance(IcebergCatalogs.Settings catalog, String table, MaintenanceSettings settings) {
    this.catalogSettings = catalog;
    this.tableId = IcebergCatalogs.tableId(table);
    this.settings = settings;
    this.thread = Thread.ofVirtual().name("iceberg-maintenance-" + table).unstarted(this::loop);
  }

  public static BackgroundMaintenance start(IcebergCatalogs.Settings catalog, String table, MaintenanceSettings settings) {
    BackgroundMaintenance m = new BackgroundMaintenance(catalog, table, settings);
    m.thread.start();
    LOG.info("maintenance of {}: compaction every {}, expiry of snapshots older than {} (retaining {}), orphans older than {}, every {}",
        table, settings.compactEvery(), settings.expireOlderThan(), settings.retainLast(), settings.removeOrphansOlderThan(), settings.every());
    return m;
  }

  /** True until the thread has stopped (after {@link #close}). */
  public boolean running() {
    return thread.isAlive();
  }

  public Stats stats() {
    return new Stats(compactions.get(), filesCompacted.get(), expiries.get(), snapshotsExpired.get(), orphanRuns.get(),
        orphansRemoved.get(), failures.get());
  }

  private void loop() {
    long now = System.nanoTime();
    long nextCompact = settings.compactEvery() == null ? Long.MAX_VALUE : now + settings.compactEvery().toNanos();
    boolean housekeeping = settings.expireOlderThan() != null || settings.removeOrphansOlderThan() != null;
    long nextHousekeeping = housekeeping ? now + settings.every().toNanos() : Long.MAX_VALUE;
    try {
      while (!stopping) {
        long next = Math.min(nextCompact, nextHousekeeping);
        if (next == Long.MAX_VALUE || !sleepUntil(next)) return;
        now = System.nanoTime();
        if (now - nextCompact >= 0) {
          run("compaction", this::compact);
          nextCompact = System.nanoTime() + settings.compactEvery().toNanos();
        }
        if (!stopping && now - nextHousekeeping >= 0) {
          if (settings.expireOlderThan() != null) run("snapshot expiry", this::expire);
          if (settings.removeOrphansOlderThan() != null && !stopping) run("orphan file removal", this::removeOrphans);
          nextHousekeeping = System.nanoTime() + settings.every().toNanos();
        }
      }
    } finally {
      closeCatalog();
    }
  }

  /** Waits until {@code deadline} (System.nanoTime) or a stop; false when stopping. */
  private boolean sleepUntil(long deadline) {
    lock.lock();
    try {
      while (!stopping) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return true;
        wake.awaitNanos(left);
      }
      return false;
    } catch (InterruptedException e) {
      return false;
    } finally {
      lock.unlock();
    }
  }

  private interface Job {
    void run(Table table);
  }

  private void run(String name, Job job) {
    try {
      if (catalog == null) catalog = IcebergCatalogs.open(catalogSettings);
      Table table;
      try {
        table = catalog.loadTable(tableId);
      } catch (NoSuchTableException e) {
        return; // not created yet: the sink creates it from its first batch
      }
      job.run(table);
    } catch (RuntimeException e) {
      if (stopping) return;
      failures.incrementAndGet();
      LOG.warn("{} of {} failed; trying again at the next interval: {}", name, tableId, e.toString());
      LOG.debug("{} failure", name, e);
      closeCatalog(); // a broken connection is not reused
    }
  }

  private void compact(Table table) {
    Compaction.Options options = new Compaction.Options(settings.targetFileSize(), null);
    Compaction.Result r = Compaction.rewrite(table, Compaction.plan(table, options), options, () -> stopping);
    if (r.committed()) {
      compactions.incrementAndGet();
      filesCompacted.addAndGet(r.rewritten());
    }
  }

  private void expire(Table table) {
    SnapshotExpiry.Result r = SnapshotExpiry.run(table, new SnapshotExpiry.Options(settings.expireOlderThan(), settings.retainLast()));
    expiries.incrementAndGet();
    snapshotsExpired.addAndGet(r.expired());
  }

  private void removeOrphans(Table table) {
    OrphanFiles.Result r = OrphanFiles.run(table, new OrphanFiles.Options(settings.removeOrphansOlderThan(), false));
    orphanRuns.incrementAndGet();
    orphansRemoved.addAndGet(r.orphans().size());
  }

  private void closeCatalog() {
    if (catalog instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.debug("closing the maintenance catalog of {}", tableId, e);
      }
    }
    catalog = null;
  }

  /** Stops the thread: a running compaction notices and deletes what it wrote; a stuck job is interrupted after a grace period. */
  @Override
  public void close() throws InterruptedException {
    stopping = true;
    lock.lock();
    try {
      wake.signalAll();
    } finally {
      lock.unlock();
    }
    if (!thread.join(STOP_GRACE)) {
      LOG.info("maintenance of {} did not stop within {}; interrupting it", tableId, STOP_GRACE);
      thread.interrupt();
      thread.join(TimeUnit.SECONDS.toMillis(10));
    }
  }
}
