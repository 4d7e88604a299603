package io.logpro.core.sink;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;
import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.format.EncodingFormat;
import io.logpro.api.format.Encoder;
import io.logpro.api.sink.ScratchDirectory;
import io.logpro.api.sink.Sink;
import io.logpro.api.sink.SinkFactory;
import io.logpro.api.sink.Transactional;
import io.logpro.core.checkpoint.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes rows as files of a writable format (NDJSON by default) in a directory, exactly once.
 * Files are written under {@code _tmp/}; a commit first writes a commit record
 * ({@code _commits/<n>.commit}: the checkpoint, then the file names) atomically, then renames
 * the files into place. On open, the newest record's files still in {@code _tmp/} are moved in
 * (roll forward) and other leftovers are deleted, so a crash at any point neither loses nor
 * doubles rows. The default dead-letter output is this sink.
 */
public final class FileSink implements Sink, Transactional {
  private static final int KEEP_RECORDS = 20;

  private final Path dir;
  private final Path tmpDir;
  private final Path commitDir;
  private final EncodingFormat format;
  private final String prefix;
  private final String extension;
  private final long targetFileSize;

  private Checkpoint committed = Checkpoint.empty();
  private long nextCommit;
  private Encoder encoder;
  private Schema encoderSchema;
  private OutputStream out;
  private CountingPath current;
  private final List<Path> pending = new ArrayList<>();
  private int fileIndex;

  private record CountingPath(Path path, long[] bytes) {}

  FileSink(Path dir, EncodingFormat format, String prefix, String extension, long targetFileSize) {
    this.dir = dir;
    this.tmpDir = dir.resolve("_tmp");
    this.commitDir = dir.resolve("_commits");
    this.format = format;
    this.prefix = prefix;
    this.extension = extension;
    this.targetFileSize = targetFileSize;
  }

  @Override
  public void open(PipelineContext context) throws IOException {
    Files.createDirectories(tmpDir);
    Files.createDirectories(commitDir);
    List<Path> records = records();
    if (!records.isEmpty()) {
      Path last = records.get(records.size() - 1);
      List<String> lines = Files.readAllLines(last, StandardCharsets.UTF_8);
      committed = Checkpoint.fromJson(lines.get(0));
      for (String name : lines.subList(1, lines.size())) {
        Path tmp = tmpDir.resolve(name);
        if (Files.exists(tmp) && !Files.exists(dir.resolve(name))) AtomicFiles.move(tmp, dir.resolve(name));
      }
      nextCommit = sequenceOf(last) + 1;
    }
    try (Stream<Path> s = Files.list(tmpDir)) {
      for (Path p : s.toList()) Files.deleteIfExists(p);
    }
  }

  private List<Path> records() throws IOException {
    try (Stream<Path> s = Files.list(commitDir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".commit")).sorted().toList();
    }
  }

  private static long sequenceOf(Path record) {
    String n = record.getFileName().toString();
    return Long.parseLong(n.substring(0, n.indexOf('.')));
  }

  @Override
  public Checkpoint committed() {
    return committed;
  }

  @Override
  public void write(Batch batch) throws IOException {
    Schema schema = batch.root().getSchema();
    if (encoder == null || !schema.equals(encoderSchema)) {
      encoder = format.newEncoder(schema);
      encoderSchema = schema;
    }
    if (out == null) {
      String name = String.format("%s-%06d-%03d.%s", prefix, nextCommit, fileIndex++, extension);
      long[] counter = new long[1];
      Path path = tmpDir.resolve(name);
      OutputStream file = Files.newOutputStream(path);
      out = new BufferedOutputStream(new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          file.write(b);
          counter[0]++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          file.write(b, off, len);
          counter[0] += len;
        }

        @Override
        public void close() throws IOException {
          file.close();
        }
      }, 1 << 16);
      current = new CountingPath(path, counter);
    }
    encoder.encode(batch.root(), 0, batch.rowCount(), out);
    if (current.bytes()[0] >= targetFileSize) closeFile();
  }

  private void closeFile() throws IOException {
    if (out == null) return;
    out.close();
    AtomicFiles.fsync(current.path());
    pending.add(current.path());
    out = null;
    current = null;
  }

  @Override
  public void commit(Checkpoint checkpoint) throws IOException {
    closeFile();
    StringBuilder record = new StringBuilder(checkpoint.toJson()).append('\n');
    for (Path p : pending) record.append(p.getFileName()).append('\n');
    Path recordFile = commitDir.resolve(String.format("%020d.commit", nextCommit));
    AtomicFiles.write(recordFile, record.toString().getBytes(StandardCharsets.UTF_8));
    for (Path p : pending) AtomicFiles.move(p, dir.resolve(p.getFileName()));
    if (!pending.isEmpty()) AtomicFiles.syncDirectory(dir);
    pending.clear();
    committed = checkpoint;
    nextCommit++;
    fileIndex = 0;
    List<Path> records = records();
    for (int i = 0; i < records.size() - KEEP_RECORDS; i++) Files.deleteIfExists(records.get(i));
  }

  /** Writes and commits {@code sample} twice into a copy of this sink in a scratch directory. */
  @Override
  public void warmUp(Batch sample) throws IOException {
    try (ScratchDirectory scratch = ScratchDirectory.create("warm-up")) {
      FileSink copy = new FileSink(scratch.path(), format, prefix, extension, targetFileSize);
      try {
        copy.open(null);
        for (int round = 1; round <= 2; round++) {
          copy.write(sample);
          copy.commit(Checkpoint.of(io.logpro.api.Position.of("warm-up", round)));
        }
      } finally {
        copy.close();
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
      Files.deleteIfExists(current.path());
      out = null;
    }
    for (Path p : pending) Files.deleteIfExists(p);
    pending.clear();
  }

  public static final class Factory implements SinkFactory {
    static final ConfigSpec SPEC = ConfigSpec.builder("file", "Writes rows as files (NDJSON by default) in a directory, exactly once; the default dead-letter output.")
        .field(FieldSpec.string("path", "The directory.").asRequired().withExample("./lakehouse/_dlq/taxi"))
        .field(FieldSpec.component("format", "format", "How rows are written (default json, one object per line).").withExample("{type: csv}"))
        .field(FieldSpec.string("prefix", "File name prefix.").withDefault("part"))
        .field(FieldSpec.size("target_file_size", "Start a new file beyond this size.").withDefault("128MB"))
        .build();

    @Override
    public ConfigSpec spec() {
      return SPEC;
    }

    @Override
    public Sink create(Config config) {
      EncodingFormat format = EncoderLookup.of(config);
      String ext = config.has("format") ? config.object("format").type() : "ndjson";
      if (ext.equals("json")) ext = "ndjson";
      return new FileSink(Path.of(config.string("path")), format, config.string("prefix"), ext, config.bytes("target_file_size"));
    }
  }
}
