package io.logpro.core.source;

import io.logpro.api.Checkpoint;
import io.logpro.api.DeadLetter;
import io.logpro.api.PipelineContext;
import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.config.Config;
import io.logpro.api.format.ColumnarFileFormat;
import io.logpro.api.format.ColumnarFileReader;
import io.logpro.api.format.Format;
import io.logpro.api.format.RecordFileFormat;
import io.logpro.api.format.RecordFileReader;
import io.logpro.api.source.Acknowledging;
import io.logpro.api.source.Seekable;
import io.logpro.api.source.Source;
import io.logpro.api.source.SourceChunk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads local files, given as paths, directories or globs, in name order. Each file is a
 * partition; its position is a byte offset (record formats) or a row index (columnar formats),
 * so a restart resumes inside a file. In watch mode new files are picked up as they appear
 * (write them elsewhere and rename them in, so a file is complete when it shows up). A file
 * is moved to {@code done_dir} only after every sink has committed all of it.
 */
public final class FileSource implements Source, Seekable, Acknowledging {
  private static final Logger log = LoggerFactory.getLogger(FileSource.class);

  private final List<String> patterns;
  private final Format format;
  private final boolean watch;
  private final Duration pollInterval;
  private final Path doneDir;

  private final ArrayDeque<Path> queue = new ArrayDeque<>();
  private final Set<Path> seen = new HashSet<>();
  /** Finished files and the last position read from each (what must be committed before moving it). */
  private final Map<String, Position> finished = new LinkedHashMap<>();
  private Checkpoint startAt = Checkpoint.empty();
  private BufferAllocator allocator;
  private RecordFileReader recordReader;
  private ColumnarFileReader columnarReader;
  private Path current;
  private Position lastOfCurrent;
  private long lastScanNanos;

  public FileSource(Config config, Format format) {
    this.patterns = config.strings("paths");
    this.format = format;
    this.watch = config.bool("watch");
    this.pollInterval = config.duration("poll_interval");
    this.doneDir = config.has("done_dir") ? Path.of(config.string("done_dir")) : null;
    if (!(format instanceof RecordFileFormat) && !(format instanceof ColumnarFileFormat)) {
      throw config.error("format", "format '" + format.type() + "' cannot read files");
    }
  }

  @Override
  public void open(PipelineContext context) throws IOException {
    this.allocator = context.allocator();
    if (doneDir != null) Files.createDirectories(doneDir);
    scan();
    if (queue.isEmpty() && !watch) log.warn("no files match {}", patterns);
  }

  @Override
  public void seek(Checkpoint checkpoint) {
    this.startAt = checkpoint;
  }

  static String partitionOf(Path p) {
    return p.toAbsolutePath().normalize().toString();
  }

  /** Adds files matching the patterns that were not seen before, in name order. */
  private void scan() throws IOException {
    lastScanNanos = System.nanoTime();
    List<Path> found = new ArrayList<>();
    for (String pattern : patterns) found.addAll(expand(pattern));
    found.sort(null);
    for (Path p : found) {
      Path abs = p.toAbsolutePath().normalize();
      if (seen.add(abs)) queue.add(abs);
    }
  }

  static List<Path> expand(String pattern) throws IOException {
    int glob = firstGlobChar(pattern);
    if (glob < 0) {
      Path p = Path.of(pattern);
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          return s.filter(FileSource::isDataFile).sorted().toList();
        }
      }
      return Files.isRegularFile(p) ? List.of(p) : List.of();
    }
    int slash = pattern.lastIndexOf('/', glob);
    Path base = slash < 0 ? Path.of(".") : Path.of(slash == 0 ? "/" : pattern.substring(0, slash));
    if (!Files.isDirectory(base)) return List.of();
    String rel = slash < 0 ? pattern : pattern.substring(slash + 1);
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rel);
    int depth = rel.contains("**") ? Integer.MAX_VALUE : rel.split("/").length;
    try (Stream<Path> s = Files.walk(base, depth)) {
      return s.filter(FileSource::isDataFile).filter(p -> matcher.matches(base.relativize(p))).sorted().toList();
    }
  }

  private static int firstGlobChar(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') return i;
    }
    return -1;
  }

  private static boolean isDataFile(Path p) {
    String n = p.getFileName().toString();
    return Files.isRegularFile(p) && !n.startsWith(".") && !n.startsWith("_");
  }

  @Override
  public SourceChunk read(int maxRecords, Duration maxWait) throws Exception {
    while (true) {
      if (recordReader == null && columnarReader == null) {
        if (queue.isEmpty() && watch && System.nanoTime() - lastScanNanos >= pollInterval.toNanos()) scan();
        if (queue.isEmpty()) {
          if (!watch) return SourceChunk.END;
          Thread.sleep(Math.min(maxWait.toMillis(), pollInterval.toMillis()));
          return SourceChunk.IDLE;
        }
        SourceChunk failed = openNext();
        if (failed != null) return failed;
        continue;
      }
      try {
        if (recordReader != null) {
          List<RawMessage> batch = recordReader.read(maxRecords);
          if (!batch.isEmpty()) {
            lastOfCurrent = batch.get(batch.size() - 1).position();
            return new SourceChunk.Messages(batch);
          }
        } else {
          SourceChunk.Columnar c = columnarReader.read();
          if (c != null) {
            if (c.rowPositions().length > 0) lastOfCurrent = c.rowPositions()[c.rowPositions().length - 1];
            return c;
          }
        }
      } catch (IOException | RuntimeException e) {
        Path file = current;
        closeCurrent();
        return unreadable(file, e);
      }
      finishCurrent();
    }
  }

  private SourceChunk openNext() {
    current = queue.poll();
    String partition = partitionOf(current);
    Position committed = startAt.get(partition);
    long from = committed == null ? 0 : committed.sequence();
    lastOfCurrent = committed;
    if (from == Long.MAX_VALUE) {
      finishCurrent();
      return null;
    }
    try {
      if (format instanceof RecordFileFormat rf) {
        recordReader = rf.openRecords(current, partition, from);
      } else {
        columnarReader = ((ColumnarFileFormat) format).openColumnar(current, partition, from, allocator, 8192);
      }
      log.debug("reading {} from {}", current, from);
      return null;
    } catch (IOException | RuntimeException e) {
      Path file = current;
      closeCurrent();
      return unreadable(file, e);
    }
  }

  private SourceChunk unreadable(Path file, Exception e) {
    String partition = partitionOf(file);
    Position done = new Position(partition, Long.MAX_VALUE, "");
    finished.put(partition, done);
    String reason = "cannot read " + file + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
    log.warn("{}", reason);
    DeadLetter letter = new DeadLetter(reason, "read", Instant.now(), "source:file", done, file.toString().getBytes(StandardCharsets.UTF_8));
    return new SourceChunk.Unreadable(letter, done);
  }

  private void finishCurrent() {
    String partition = partitionOf(current);
    finished.put(partition, lastOfCurrent == null ? Position.of(partition, 0) : lastOfCurrent);
    closeCurrent();
  }

  private void closeCurrent() {
    try {
      if (recordReader != null) recordReader.close();
      if (columnarReader != null) columnarReader.close();
    } catch (IOException e) {
      log.warn("closing {}: {}", current, e.toString());
    }
    recordReader = null;
    columnarReader = null;
    current = null;
  }

  /** Moves finished files whose every row is committed to {@code done_dir}. */
  @Override
  public void acknowledge(Checkpoint committed) throws IOException {
    if (doneDir == null) return;
    var it = finished.entrySet().iterator();
    while (it.hasNext()) {
      var e = it.next();
      Position last = e.getValue();
      if (last.sequence() == 0 || committed.covers(last) || last.sequence() == Long.MAX_VALUE && committed.get(e.getKey()) != null) {
        Path file = Path.of(e.getKey());
        if (Files.exists(file)) {
          Files.move(file, doneDir.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          log.info("moved {} to {}", file, doneDir);
        }
        it.remove();
      }
    }
  }

  @Override
  public void close() {
    closeCurrent();
  }
}
