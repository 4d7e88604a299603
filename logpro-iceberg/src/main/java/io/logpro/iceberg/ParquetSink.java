package io.logpro.iceberg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;
import io.logpro.api.sink.Sink;
import io.logpro.api.sink.Transactional;
import io.logpro.iceberg.parquet.ArrowParquetWriter;
import io.logpro.iceberg.parquet.ParquetSettings;
import io.logpro.iceberg.parquet.PageMemory;
import io.logpro.iceberg.parquet.RollingWriter;
import io.logpro.iceberg.schema.ArrowSchemas;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.iceberg.MetricsConfig;

/**
 * Plain Parquet files under a directory, exactly-once without a catalog. Files are written to
 * {@code _tmp/}; a commit first writes {@code _commits/<seq>.json} (file list and checkpoint)
 * atomically, then renames the files into place. A crash between the two is rolled forward by
 * the next {@link #open}, which also deletes every other leftover in {@code _tmp/}.
 */
public final class ParquetSink implements Sink, Transactional {
  private static final ObjectMapper JSON = new ObjectMapper();

  public record Options(Path path, ParquetSettings parquet) {}

  private final Options options;
  private final Path dir;
  private final Path tmp;
  private final Path commits;
  private final LocalFileIO io = new LocalFileIO();
  private final String runId = UUID.randomUUID().toString();
  private final AtomicInteger fileCounter = new AtomicInteger();
  private final List<ArrowParquetWriter.Written> pending = new ArrayList<>();
  private RollingWriter writer;
  /** Its allocator holds the open file's page buffers. */
  private PipelineContext context;
  private Schema writerSchema;
  private Checkpoint committed = Checkpoint.empty();
  private long lastSeq;

  public ParquetSink(Options options) {
    this.options = options;
    this.dir = options.path().toAbsolutePath().normalize();
    this.tmp = dir.resolve("_tmp");
    this.commits = dir.resolve("_commits");
  }

  @Override
  public void open(PipelineContext context) throws IOException {
    this.context = context;
    Files.createDirectories(tmp);
    Files.createDirectories(commits);
    recover();
  }

  /** Finishes every recorded commit whose files still wait in _tmp, then clears the rest of _tmp. */
  private void recover() throws IOException {
    TreeMap<Long, JsonNode> records = readRecords();
    for (JsonNode record : records.values()) publish(record);
    try (Stream<Path> left = Files.list(tmp)) {
      for (Path p : left.toList()) Files.deleteIfExists(p);
    }
    try (Stream<Path> left = Files.list(commits)) {
      for (Path p : left.filter(p -> p.getFileName().toString().startsWith(".")).toList()) Files.deleteIfExists(p);
    }
    if (!records.isEmpty()) {
      lastSeq = records.lastKey();
      committed = Checkpoint.fromJson(records.lastEntry().getValue().get("checkpoint").asText());
    }
  }

  private TreeMap<Long, JsonNode> readRecords() throws IOException {
    TreeMap<Long, JsonNode> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(commits)) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(".") || !name.endsWith(".json")) continue;
        JsonNode node = JSON.readTree(p.toFile());
        out.put(node.get("seq").asLong(), node);
      }
    }
    return out;
  }

  /** Moves the record's files from _tmp to their final names (those already moved are skipped). */
  private void publish(JsonNode record) throws IOException {
    boolean moved = false;
    for (JsonNode f : record.get("files")) {
      Path from = tmp.resolve(f.get("tmp").asText());
      Path to = dir.resolve(f.get("name").asText());
      if (Files.exists(from)) {
        atomicMove(from, to);
        moved = true;
      }
    }
    if (moved) syncDirectory(dir);
  }

  @Override
  public void write(Batch batch) {
    if (batch.rowCount() == 0) return;
    Schema schema = batch.root().getSchema();
    try {
      if (writer != null && !schema.equals(writerSchema)) {
        pending.addAll(writer.finish()); // a new schema starts a new file
        writer = null;
      }
      if (writer == null) {
        writer = new RollingWriter(
            () -> io.newOutputFile(tmp.resolve(runId + "-" + fileCounter.incrementAndGet() + ".parquet").toString()),
            io, ArrowSchemas.toIceberg(schema), options.parquet(), MetricsConfig.getDefault(), java.util.Map.of(),
            context.allocator());
        writerSchema = schema;
      }
      writer.write(batch.root(), null, batch.rowCount());
    } catch (RuntimeException e) {
      discard();
      throw e;
    }
  }

  @Override
  public boolean wantsCommit() {
    return !pending.isEmpty() || (writer != null && (writer.hasRolled() || writer.length() >= options.parquet().targetFileSize()
        || PageMemory.isTight(context.allocator()))); // a commit frees the open file's pages
  }

  @Override
  public void commit(Checkpoint checkpoint) throws IOException {
    commit(checkpoint, true);
  }

  /** {@code publish = false} stops after the commit record, as a crash there would (for tests). */
  void commit(Checkpoint checkpoint, boolean publish) throws IOException {
    if (writer != null) pending.addAll(writer.finish());
    Checkpoint toStore = committed.merge(checkpoint);
    if (pending.isEmpty() && toStore.equals(committed)) return;
    long seq = lastSeq + 1;
    ObjectNode record = JSON.createObjectNode();
    record.put("seq", seq);
    record.put("checkpoint", toStore.toJson());
    ArrayNode files = record.putArray("files");
    for (int i = 0; i < pending.size(); i++) {
      ArrowParquetWriter.Written w = pending.get(i);
      files.addObject()
          .put("tmp", LocalFileIO.toPath(w.location()).getFileName().toString())
          .put("name", String.format("part-%08d-%04d.parquet", seq, i))
          .put("rows", w.rowCount());
    }
    Path staged = commits.resolve(String.format(".%08d.json.tmp", seq));
    try (FileChannel ch = FileChannel.open(staged, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(record)));
      ch.force(true);
    }
    atomicMove(staged, commits.resolve(String.format("%08d.json", seq)));
    syncDirectory(commits); // the commit point: from here on the files belong to this commit
    pending.clear();
    lastSeq = seq;
    committed = toStore;
    if (publish) publish(record);
  }

  private static void atomicMove(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Makes renames in {@code d} durable (a no-op where directories cannot be opened, e.g. Windows). */
  private static void syncDirectory(Path d) {
    try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // best effort
    }
  }

  /** The checkpoint of the latest commit record. */
  @Override
  public Checkpoint committed() {
    return committed;
  }

  private void discard() {
    if (writer != null) writer.abort();
    writer = null;
    for (var w : pending) io.deleteFile(w.location());
    pending.clear();
  }

  /** Deletes everything not committed. */
  @Override
  public void close() {
    discard();
  }
}
