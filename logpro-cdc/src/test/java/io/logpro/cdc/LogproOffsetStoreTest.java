package io.logpro.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetStorageReaderImpl;
import org.apache.kafka.connect.storage.OffsetStorageWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The offset store through Kafka Connect's own reader and writer, as Debezium uses them. */
class LogproOffsetStoreTest {
  private static final String ENGINE = "logpro-test-engine";

  @AfterEach
  void unregister() {
    LogproOffsetStore.unregister(ENGINE);
  }

  private static JsonConverter converter(boolean key) {
    JsonConverter c = new JsonConverter();
    c.configure(Map.of("schemas.enable", "false"), key);
    return c;
  }

  private static LogproOffsetStore store(ResumeToken start) {
    LogproOffsetStore.register(ENGINE, new LogproOffsetStore.Seed(start, new PostgresDialect()::resumeOffset));
    LogproOffsetStore store = new LogproOffsetStore();
    store.configure(new io.debezium.embedded.EmbeddedWorkerConfig(new HashMap<>(Map.of("name", ENGINE,
        "offset.storage", LogproOffsetStore.class.getName()))));
    store.start();
    return store;
  }

  @Test
  void debeziumReadsTheSoughtOffsetAsItWillResumeFromIt() {
    Map<String, Object> partition = new LinkedHashMap<>(Map.of("server", "t", "database", "shop"));
    ResumeToken start = new ResumeToken(partition, Map.of("lsn", 600L, "lsn_proc", 600L, "lsn_commit", 500L, "txId", 7L), new long[] {500, 600, 0});
    LogproOffsetStore store = store(start);
    var reader = new OffsetStorageReaderImpl(store, ENGINE, converter(true), converter(false));
    // Another map order of the same partition finds it too.
    Map<String, Object> asked = new LinkedHashMap<>();
    asked.put("database", "shop");
    asked.put("server", "t");
    assertThat(reader.offset(asked)).containsEntry("lsn", 600L).containsEntry("lsn_commit", 500L).containsEntry("lsn_proc", 499L);
    assertThat(reader.offset(Map.of("server", "other"))).isNull();
  }

  @Test
  void whatDebeziumFlushesIsWhatItReadsBack() throws Exception {
    LogproOffsetStore store = store(null);
    var writer = new OffsetStorageWriter(store, ENGINE, converter(true), converter(false));
    writer.offset(Map.of("server", "t"), Map.of("file", "bin.000002", "pos", 1234L, "row", 1));
    assertThat(writer.beginFlush(1, TimeUnit.SECONDS)).isTrue();
    writer.doFlush((error, result) -> {}).get(1, TimeUnit.SECONDS);
    var reader = new OffsetStorageReaderImpl(store, ENGINE, converter(true), converter(false));
    assertThat(reader.offset(Map.of("server", "t"))).containsEntry("file", "bin.000002").containsEntry("pos", 1234L).containsEntry("row", 1L);
    assertThat(store.connectorPartitions(ENGINE)).containsExactly(Map.of("server", "t"));
  }

  @Test
  void tokensRoundTripThroughJson() {
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      Map<String, Object> offset = new HashMap<>();
      int n = random.nextInt(8);
      for (int j = 0; j < n; j++) {
        Object v = switch (random.nextInt(5)) {
          case 0 -> random.nextLong();
          case 1 -> random.nextBoolean();
          case 2 -> "s\"\\é" + random.nextInt();
          case 3 -> null;
          default -> (long) random.nextInt();
        };
        offset.put("k" + j, v);
      }
      long[] key = random.nextBoolean() ? null : random.longs(random.nextInt(6)).toArray();
      ResumeToken token = new ResumeToken(Map.of("server", "p" + i), offset, key);
      assertThat(ResumeToken.parse(token.toJson())).isEqualTo(token);
    }
  }

  @Test
  void theStoreRefusesEnginesItHasNoStateFor() {
    LogproOffsetStore store = new LogproOffsetStore();
    WorkerConfig config = new io.debezium.embedded.EmbeddedWorkerConfig(new HashMap<>(Map.of("name", "unknown")));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.configure(config)).hasMessageContaining("unknown");
  }
}
