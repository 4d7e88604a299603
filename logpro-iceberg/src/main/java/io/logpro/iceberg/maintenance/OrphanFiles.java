package io.logpro.iceberg.maintenance;

import io.logpro.iceberg.LocalFileIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes files in the table's data and metadata directories that no snapshot or metadata file
 * references and that are older than a duration: files of writers that crashed before their
 * commit, of failed commits, of expiries that could not delete everything. The age limit (3
 * days by default) keeps the files of writers still running, which exist before their commit
 * references them.
 *
 * <p>Referenced: the current and previous metadata files, the version hint, every snapshot's
 * manifest list and manifests, the data and delete files those manifests list, and statistics
 * files. Only the data directory ({@code write.data.path}, default {@code <table>/data}) and the
 * metadata directory ({@code write.metadata.path}, default {@code <table>/metadata}) are listed,
 * never the whole table location, where the directory of another table may nest.
 */
public final class OrphanFiles {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanFiles.class);
  public static final Duration DEFAULT_OLDER_THAN = Duration.ofDays(3);

  public record Options(Duration olderThan, boolean dryRun) {
    public Options {
      if (olderThan == null || olderThan.isNegative()) throw new IllegalArgumentException("older-than must be a positive duration");
    }
  }

  /**
   * @param listed     files found under the data and metadata directories
   * @param referenced files the table references
   * @param orphans    unreferenced files older than the limit: deleted, or only listed in a dry run
   * @param bytes      their bytes
   * @param tooRecent  unreferenced files younger than the limit, left alone
   */
  public record Result(int listed, int referenced, List<String> orphans, long bytes, int tooRecent, boolean dryRun) {}

  private OrphanFiles() {}

  public static Result run(Table table, Options options) {
    return run(table, options, System.currentTimeMillis());
  }

  /** As at {@code nowMillis} (tests, and callers with their own clock). */
  public static Result run(Table table, Options options, long nowMillis) {
    table.refresh();
    FileIO io = table.io();
    if (!(io instanceof SupportsPrefixOperations listing)) {
      throw new UnsupportedOperationException("removing orphan files of " + table.name() + " needs a FileIO that lists files; "
          + io.getClass().getSimpleName() + " does not");
    }
    Set<String> referenced = referenced(table);
    long cutoff = nowMillis - options.olderThan().toMillis();
    String location = table.location();
    List<String> roots = List.of(
        table.properties().getOrDefault(TableProperties.WRITE_DATA_LOCATION, location + "/data"),
        table.properties().getOrDefault(TableProperties.WRITE_METADATA_LOCATION, location + "/metadata"));
    int listed = 0;
    int tooRecent = 0;
    long bytes = 0;
    List<String> orphans = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String root : roots) {
      for (FileInfo f : listing.listPrefix(root)) {
        String key = normalize(f.location());
        if (!seen.add(key)) continue;
        listed++;
        if (referenced.contains(key)) continue;
        if (f.createdAtMillis() >= cutoff) {
          tooRecent++;
          continue;
        }
        orphans.add(f.location());
        bytes += f.size();
      }
    }
    if (!options.dryRun()) {
      for (String o : orphans) io.deleteFile(o);
      if (!orphans.isEmpty()) LOG.info("removed {} orphan files ({} bytes) of {}", orphans.size(), bytes, table.name());
    }
    return new Result(listed, referenced.size(), orphans, bytes, tooRecent, options.dryRun());
  }

  /** Every file the table's metadata references, normalised with {@link #normalize}. */
  static Set<String> referenced(Table table) {
    FileIO io = table.io();
    Set<String> out = new LinkedHashSet<>();
    if (table instanceof HasTableOperations ops) {
      TableMetadata current = ops.operations().current();
      if (current.metadataFileLocation() != null) out.add(normalize(current.metadataFileLocation()));
    }
    ReachableFileUtil.metadataFileLocations(table, true).forEach(l -> out.add(normalize(l)));
    String hint = ReachableFileUtil.versionHintLocation(table);
    if (hint != null) out.add(normalize(hint));
    ReachableFileUtil.statisticsFilesLocations(table).forEach(l -> out.add(normalize(l)));
    Set<String> manifests = new HashSet<>();
    for (Snapshot s : table.snapshots()) {
      if (s.manifestListLocation() != null) out.add(normalize(s.manifestListLocation()));
      for (ManifestFile m : s.allManifests(io)) {
        if (!manifests.add(m.path())) continue;
        out.add(normalize(m.path()));
        try {
          if (m.content() == ManifestContent.DATA) {
            try (CloseableIterable<String> paths = ManifestFiles.readPaths(m, io)) {
              paths.forEach(p -> out.add(normalize(p)));
            }
          } else {
            try (var deletes = ManifestFiles.readDeleteManifest(m, io, table.specs())) {
              for (DeleteFile d : deletes) out.add(normalize(d.location()));
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read manifest " + m.path(), e);
        }
      }
    }
    return out;
  }

  /** One spelling per local file ("/a/b", "file:/a/b", "file:///a/b"); other schemes as they are. */
  static String normalize(String location) {
    if (location.startsWith("file:") || location.startsWith("/")) {
      Path p = location.startsWith("file:") ? Path.of(URI.create(location)) : LocalFileIO.toPath(location);
      return p.toAbsolutePath().normalize().toString();
    }
    return location;
  }
}
