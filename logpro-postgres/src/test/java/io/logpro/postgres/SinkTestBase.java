package io.logpro.postgres;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.api.config.MapConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Integration tests against the local PostgreSQL: a database per test class, an allocator per
 * test (closed after the sinks, so a leaked buffer fails the test), a table name per test.
 */
abstract class SinkTestBase {
  private static final AtomicInteger TABLES = new AtomicInteger();
  static TestDatabase db;

  BufferAllocator allocator;
  RecordingContext context;
  private final List<PostgresSink> sinks = new ArrayList<>();

  @BeforeAll
  static void createDatabase() throws Exception {
    db = new TestDatabase();
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    db.close();
  }

  @BeforeEach
  void openAllocator() {
    allocator = new RootAllocator();
    context = new RecordingContext("it", "target", allocator);
  }

  @AfterEach
  void closeSinksThenAllocator() {
    for (PostgresSink s : sinks) s.close();
    sinks.clear();
    allocator.close(); // throws when a buffer leaked
  }

  static String newTable() {
    return "public.t" + TABLES.incrementAndGet();
  }

  static PostgresSinkSettings settings(Map<String, Object> config) {
    return PostgresSinkFactory.settings(MapConfig.of(PostgresSinkFactory.SPEC, config));
  }

  /** A sink opened with {@link #context} (or {@code ctx}), closed after the test. */
  PostgresSink open(Map<String, Object> config) throws Exception {
    return open(config, context);
  }

  PostgresSink open(Map<String, Object> config, RecordingContext ctx) throws Exception {
    PostgresSink sink = new PostgresSink(settings(config));
    sinks.add(sink);
    sink.open(ctx);
    return sink;
  }

  /** Writes a batch and lets go of it, as the engine does. */
  static void write(PostgresSink sink, Batch batch) throws Exception {
    try {
      sink.write(batch);
    } finally {
      batch.release();
    }
  }

  Batch batch(Schema schema, List<Object[]> rows, long seq) {
    return ArrowRows.batch(allocator, schema, rows, seq);
  }

  static Schema schema(Field... fields) {
    return new Schema(List.of(fields));
  }

  static Checkpoint at(long seq) {
    return Checkpoint.of(Position.of("p", seq));
  }

  /** One column of a query, each value read as {@code type}. */
  static <T> List<T> column(String query, Class<T> type) throws Exception {
    try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(query); ResultSet rs = st.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) out.add(rs.getObject(1, type));
      return out;
    }
  }

  /** Rows of a query as text, columns joined by '|' (null as "null"). */
  static List<String> textRows(String query) throws Exception {
    List<String> out = new ArrayList<>();
    for (List<Object> row : db.rows(query)) {
      out.add(String.join("|", row.stream().map(String::valueOf).toList()));
    }
    return out;
  }
}
