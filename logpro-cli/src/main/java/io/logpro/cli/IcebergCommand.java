package io.logpro.cli;

import io.logpro.api.config.ConfigException;
import io.logpro.api.config.MapConfig;
import io.logpro.core.config.PipelineDefinition;
import io.logpro.iceberg.IcebergCatalogs;
import io.logpro.iceberg.IcebergSinkFactory;
import io.logpro.iceberg.maintenance.Compaction;
import io.logpro.iceberg.maintenance.OrphanFiles;
import io.logpro.iceberg.maintenance.SnapshotExpiry;
import io.logpro.iceberg.maintenance.WhereFilter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.exceptions.NoSuchTableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code logpro iceberg compact|expire-snapshots|remove-orphans}: maintenance of one Iceberg
 * table, named by a pipeline file's iceberg sink (its catalog and table) or by
 * {@code --warehouse DIR --table ns.name} for the embedded SQLite catalog. Safe while the
 * pipeline runs: compaction does not conflict with its appends, expiry keeps every pipeline's
 * latest snapshot, orphan removal leaves files younger than its limit.
 */
@Command(name = "iceberg", description = "Maintain an Iceberg table: compact small files, expire old snapshots, remove orphan files.",
    subcommands = {IcebergCommand.Compact.class, IcebergCommand.ExpireSnapshots.class, IcebergCommand.RemoveOrphans.class})
final class IcebergCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Which table: a pipeline's iceberg sink, or a warehouse and a table name. */
  static final class Target {
    @Parameters(paramLabel = "PIPELINE", arity = "0..1", description = "A pipeline YAML file: its iceberg sink names the catalog and the table.")
    Path pipeline;

    @Option(names = "--sink", paramLabel = "NAME", description = "The iceberg sink of the pipeline (when it has more than one).")
    String sink;

    @Option(names = "--warehouse", paramLabel = "DIR", description = "Without a pipeline: the warehouse of the embedded SQLite catalog.")
    String warehouse;

    @Option(names = "--table", paramLabel = "NS.NAME", description = "Without a pipeline: the table.")
    String table;
  }

  /** The resolved catalog and table, and the sink's target file size when it came from a pipeline. */
  record Resolved(IcebergCatalogs.Settings catalog, String table, Long targetFileSize) {}

  /** Thrown for a wrong command line; the message is printed and the exit code is {@link Main#USAGE}. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  static Resolved resolve(Target t, picocli.CommandLine.Model.CommandSpec spec) {
    if (t.pipeline == null) {
      if (t.warehouse == null || t.table == null) {
        throw new UsageException("give a pipeline file (and --sink NAME), or --warehouse DIR --table ns.name");
      }
      if (t.sink != null) throw new UsageException("--sink names a sink of a pipeline file; give the file too");
      return new Resolved(IcebergCatalogs.Settings.jdbc(t.warehouse, null), t.table, null);
    }
    if (t.warehouse != null || t.table != null) {
      throw new UsageException("give either a pipeline file or --warehouse and --table, not both");
    }
    PipelineDefinition def = ValidateCommand.load(t.pipeline, spec);
    if (def == null) throw new UsageException(null); // the problems are printed already
    List<PipelineDefinition.SinkDefinition> iceberg = def.sinks().stream().filter(s -> s.config().type().equals("iceberg")).toList();
    PipelineDefinition.SinkDefinition chosen;
    if (t.sink != null) {
      var named = def.sinks().stream().filter(s -> s.name().equals(t.sink)).findFirst();
      if (named.isEmpty()) {
        throw new UsageException("pipeline " + def.name() + " has no sink '" + t.sink + "' (sinks: "
            + def.sinks().stream().map(PipelineDefinition.SinkDefinition::name).toList() + ")");
      }
      if (!named.get().config().type().equals("iceberg")) {
        throw new UsageException("sink '" + t.sink + "' of pipeline " + def.name() + " is of type " + named.get().config().type() + ", not iceberg");
      }
      chosen = named.get();
    } else if (iceberg.size() == 1) {
      chosen = iceberg.get(0);
    } else if (iceberg.isEmpty()) {
      throw new UsageException("pipeline " + def.name() + " has no iceberg sink");
    } else {
      throw new UsageException("pipeline " + def.name() + " has " + iceberg.size() + " iceberg sinks "
          + iceberg.stream().map(PipelineDefinition.SinkDefinition::name).toList() + ": choose one with --sink NAME");
    }
    var options = IcebergSinkFactory.options(chosen.config());
    return new Resolved(options.catalog(), options.table(), options.parquet().targetFileSize());
  }

  /** Resolves the target, opens its table and runs {@code job}; usage and config errors exit 2. */
  static int withTable(Target target, picocli.CommandLine.Model.CommandSpec spec, String command, TableJob job) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Resolved r;
    try {
      r = resolve(target, spec);
      job.check(r);
    } catch (UsageException e) {
      if (e.getMessage() != null) err.println("logpro iceberg " + command + ": " + e.getMessage());
      err.flush();
      return Main.USAGE;
    } catch (ConfigException e) {
      e.problems().forEach(p -> err.println("  " + p));
      err.flush();
      return Main.USAGE;
    }
    Catalog catalog = IcebergCatalogs.open(r.catalog());
    try {
      Table table;
      try {
        table = catalog.loadTable(IcebergCatalogs.tableId(r.table()));
      } catch (NoSuchTableException e) {
        err.println("logpro iceberg " + command + ": table " + r.table() + " does not exist in catalog " + r.catalog().name()
            + " (warehouse " + IcebergCatalogs.warehousePath(r.catalog().warehouse()) + ")");
        err.flush();
        return Main.PIPELINE_FAILED;
      }
      try {
        job.run(table, r, spec.commandLine().getOut());
      } catch (UsageException e) {
        err.println("logpro iceberg " + command + ": " + e.getMessage());
        err.flush();
        return Main.USAGE;
      }
      spec.commandLine().getOut().flush();
      return Main.OK;
    } finally {
      if (catalog instanceof AutoCloseable c) c.close();
    }
  }

  interface TableJob {
    /** Checks options that do not need the table (before the catalog is opened). */
    default void check(Resolved r) {}

    void run(Table table, Resolved r, PrintWriter out) throws Exception;
  }

  static Duration duration(String option, String text) {
    Duration d = text == null ? null : MapConfig.parseDuration(text);
    if (d == null || d.isNegative()) throw new UsageException(option + ": expected a duration such as 30m, 7d or 12h, found '" + text + "'");
    return d;
  }

  static String bytes(long n) {
    if (n < 1024) return n + " B";
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  @Command(name = "compact", description = "Rewrite small data files (below 75% of the target size, at least 2 in a partition) "
      + "into files toward the target size. Safe while a pipeline appends to the table.")
  static final class Compact implements Callable<Integer> {
    @Mixin Target target;

    @Option(names = "--target-file-size", paramLabel = "SIZE",
        description = "Target size of the rewritten files (default: the sink's target_file_size, else 128MB).")
    String targetFileSize;

    @Option(names = "--where", paramLabel = "EXPR",
        description = "Only files that may hold rows with col = value (and col = value ...), e.g. \"day = '2024-01-05'\" or \"vendor_id = 2\".")
    String where;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      long[] target = {0};
      return withTable(this.target, spec, "compact", new TableJob() {
        @Override
        public void check(Resolved r) {
          if (targetFileSize != null) {
            target[0] = MapConfig.parseSize(targetFileSize);
            if (target[0] <= 0) throw new UsageException("--target-file-size: expected a size such as 64MB or 1GB, found '" + targetFileSize + "'");
          } else {
            target[0] = r.targetFileSize() != null ? r.targetFileSize() : Compaction.DEFAULT_TARGET_FILE_SIZE;
          }
        }

        @Override
        public void run(Table table, Resolved r, PrintWriter out) {
          Compaction.Options options;
          try {
            options = new Compaction.Options(target[0], where == null ? null : WhereFilter.parse(where, table.schema()));
          } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
          }
          Compaction.Plan plan = Compaction.plan(table, options);
          if (plan.groups().isEmpty()) {
            out.printf("%s: nothing to compact: %,d data files (%s)%s, no partition has 2 or more below %s%n", r.table(), plan.files(),
                bytes(plan.bytes()), where == null ? "" : " where " + where, bytes((long) (target[0] * 0.75)));
            return;
          }
          Compaction.Result res = Compaction.rewrite(table, plan, options, () -> false);
          if (!res.committed()) {
            out.printf("%s: %s%n", r.table(), res.skipped());
            return;
          }
          out.printf("%s: compacted %,d data files into %,d%s: %,d small files (%s) in %d partition group%s rewritten as %,d (%s), %,d rows; "
                  + "snapshot %d%n",
              r.table(), res.filesBefore(), res.filesAfter(), where == null ? "" : " where " + where, res.rewritten(), bytes(res.bytesRead()),
              res.groups(), res.groups() == 1 ? "" : "s", res.written(), bytes(res.bytesWritten()), res.rows(), res.snapshotId());
          if (plan.withDeletes() > 0) {
            out.printf("  %,d files with row-level deletes were left alone%n", plan.withDeletes());
          }
        }
      });
    }
  }

  @Command(name = "expire-snapshots", description = "Expire snapshots older than a duration beyond the last N, and delete the files only they "
      + "reference. The latest snapshot of every pipeline that wrote the table is always kept (its committed positions are there).")
  static final class ExpireSnapshots implements Callable<Integer> {
    @Mixin Target target;

    @Option(names = "--older-than", paramLabel = "DURATION", defaultValue = "7d", description = "Expire snapshots older than this (default ${DEFAULT-VALUE}).")
    String olderThan;

    @Option(names = "--retain-last", paramLabel = "N", defaultValue = "1", description = "Always keep the last N snapshots (default ${DEFAULT-VALUE}).")
    int retainLast;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Duration[] age = {null};
      return withTable(target, spec, "expire-snapshots", new TableJob() {
        @Override
        public void check(Resolved r) {
          age[0] = duration("--older-than", olderThan);
          if (retainLast < 1) throw new UsageException("--retain-last: expected at least 1, found " + retainLast);
        }

        @Override
        public void run(Table table, Resolved r, PrintWriter out) {
          SnapshotExpiry.Result res = SnapshotExpiry.run(table, new SnapshotExpiry.Options(age[0], retainLast));
          out.printf("%s: expired %,d of %,d snapshots older than %s (%,d left), %,d files deleted%n", r.table(), res.expired(), res.before(),
              olderThan, res.after(), res.filesDeleted());
          if (!res.pipelines().isEmpty()) {
            out.printf("  kept the latest snapshot of %s (%,d of them older than %s)%n", String.join(", ", res.pipelines()),
                res.keptForPipelines(), olderThan);
          }
        }
      });
    }
  }

  @Command(name = "remove-orphans", description = "Delete files in the table's data and metadata directories that no snapshot or metadata "
      + "file references and that are older than a duration (younger ones may belong to a writer that has not committed yet).")
  static final class RemoveOrphans implements Callable<Integer> {
    @Mixin Target target;

    @Option(names = "--older-than", paramLabel = "DURATION", defaultValue = "3d", description = "Only files older than this (default ${DEFAULT-VALUE}).")
    String olderThan;

    @Option(names = "--dry-run", description = "List the orphan files, delete nothing.")
    boolean dryRun;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Duration[] age = {null};
      return withTable(target, spec, "remove-orphans", new TableJob() {
        @Override
        public void check(Resolved r) {
          age[0] = duration("--older-than", olderThan);
        }

        @Override
        public void run(Table table, Resolved r, PrintWriter out) {
          OrphanFiles.Result res = OrphanFiles.run(table, new OrphanFiles.Options(age[0], dryRun));
          for (String o : res.orphans()) out.println((dryRun ? "  would remove " : "  removed ") + o);
          out.printf("%s: %s %,d orphan files (%s) of %,d files listed; %,d unreferenced files younger than %s left alone%n", r.table(),
              dryRun ? "dry run, would remove" : "removed", res.orphans().size(), bytes(res.bytes()), res.listed(), res.tooRecent(), olderThan);
        }
      });
    }
  }
}
