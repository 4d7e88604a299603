package io.logpro.messaging.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.config.MapConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The redis sink against the real Redis at 127.0.0.1:6379; every test works under its own key prefix and cleans up. */
class RedisSinkIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RootAllocator allocator = new RootAllocator();
  private final String prefix = "logpro-it:" + UUID.randomUUID().toString().substring(0, 8);
  private final RedisClient adminClient = RedisClient.create("redis://127.0.0.1:6379");
  private final StatefulRedisConnection<String, String> adminConnection = adminClient.connect();
  private final RedisCommands<String, String> redis = adminConnection.sync();
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<String> aclUsers = new ArrayList<>();
  private RecordingContext context;

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    List<String> keys = new ArrayList<>();
    var cursor = redis.scan(ScanArgs.Builder.matches(prefix + "*").limit(1000));
    keys.addAll(cursor.getKeys());
    while (!cursor.isFinished()) {
      cursor = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
      keys.addAll(cursor.getKeys());
    }
    if (!keys.isEmpty()) redis.del(keys.toArray(String[]::new));
    for (String user : aclUsers) redis.aclDeluser(user);
    adminConnection.close();
    adminClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    allocator.close();
  }

  private RedisSink sink(Map<String, Object> config) {
    Map<String, Object> c = new HashMap<>(config);
    c.putIfAbsent("retry", Map.of("max_attempts", 20, "initial_backoff", "10ms", "max_backoff", "200ms"));
    RedisSink sink = new RedisSink(RedisSinkFactory.settings(MapConfig.of(RedisSinkFactory.SPEC, c)));
    context = new RecordingContext("cache", "bust-" + prefix, allocator);
    sink.open(context);
    open.add(sink);
    return sink;
  }

  private void write(RedisSink sink, long firstTrip, int rows) throws Exception {
    try (Batch batch = TestTrips.batch(allocator, firstTrip, rows)) {
      sink.write(batch);
    }
  }

  private record Message(String channel, String text) {}

  /** Subscribes to {@code prefix.*}; {@link #awaitAll} returns every message up to a sentinel published last. */
  private final class Subscriber implements AutoCloseable {
    private final RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
    private final StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final CountDownLatch sentinel = new CountDownLatch(1);

    Subscriber() {
      connection.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void message(String pattern, String channel, String message) {
          if (channel.equals(prefix + ".~end")) sentinel.countDown();
          else messages.add(new Message(channel, message));
        }
      });
      connection.sync().psubscribe(prefix + ".*");
    }

    /**
     * Everything received before the sentinel: Redis delivers to a subscriber in publish order, and
     * the sink's PUBLISHes were confirmed (so already dispatched) before the sentinel is published.
     */
    List<Message> awaitAll() throws InterruptedException {
      redis.publish(prefix + ".~end", "");
      assertThat(sentinel.await(30, TimeUnit.SECONDS)).as("sentinel received").isTrue();
      return List.copyOf(messages);
    }

    @Override
    public void close() {
      connection.close();
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  @Test
  void publishSendsExactlyOneJsonMessagePerRowToItsChannel() throws Exception {
    try (Subscriber subscriber = new Subscriber()) {
      RedisSink sink = sink(Map.of("command", "publish", "channel", prefix + ".{_table}"));

      write(sink, 0, 120);
      write(sink, 120, 30);
      sink.commit(Checkpoint.empty());

      List<Message> messages = subscriber.awaitAll();
      assertThat(messages).hasSize(150);
      List<Long> trips = new ArrayList<>();
      for (Message m : messages) {
        JsonNode row = JSON.readTree(m.text());
        long trip = row.get("trip_id").longValue();
        trips.add(trip);
        assertThat(m.channel()).isEqualTo(prefix + "." + TestTrips.table(trip));
        assertThat(row.get("vendor_id").intValue()).isEqualTo(TestTrips.vendor(trip));
        assertThat(row.get("_op").textValue()).isEqualTo(TestTrips.op(trip));
        if (TestTrips.status(trip) == null) assertThat(row.get("status").isNull()).isTrue();
        else assertThat(row.get("status").textValue()).isEqualTo(TestTrips.status(trip));
      }
      assertThat(trips).containsExactlyInAnyOrderElementsOf(LongStream.range(0, 150).boxed().toList());
      assertThat(context.rejected()).isEmpty();
    }
  }

  @Test
  void publishRendersAMessageTemplate() throws Exception {
    try (Subscriber subscriber = new Subscriber()) {
      RedisSink sink = sink(Map.of("command", "publish", "channel", prefix + ".trips", "message", "{{\"op\":\"{_op}\",\"id\":{trip_id}}}"));

      write(sink, 3, 2);

      assertThat(subscriber.awaitAll()).containsExactly(new Message(prefix + ".trips", "{\"op\":\"u\",\"id\":3}"),
          new Message(prefix + ".trips", "{\"op\":\"d\",\"id\":4}"));
    }
  }

  @Test
  void delRemovesExactlyTheKeysOfTheRows() throws Exception {
    for (long t = 0; t < 40; t++) redis.set(prefix + ":trip:" + TestTrips.vendor(t) + ":" + t, "cached");
    redis.set(prefix + ":other", "keep");
    RedisSink sink = sink(Map.of("command", "del", "key", prefix + ":trip:{vendor_id}:{trip_id}"));

    write(sink, 10, 20);

    for (long t = 0; t < 40; t++) {
      boolean deleted = t >= 10 && t < 30;
      assertThat(redis.exists(prefix + ":trip:" + TestTrips.vendor(t) + ":" + t)).as("trip %d", t).isEqualTo(deleted ? 0L : 1L);
    }
    assertThat(redis.get(prefix + ":other")).isEqualTo("keep");
    assertThat(context.rejected()).isEmpty();
  }

  @Test
  void setWritesTheValueTemplateWithItsTtl() throws Exception {
    RedisSink sink = sink(Map.of("command", "set", "key", prefix + ":status:{trip_id}", "value", "{status}", "ttl", "10m"));

    write(sink, 0, 25);

    for (long t = 0; t < 25; t++) {
      String status = TestTrips.status(t);
      assertThat(redis.get(prefix + ":status:" + t)).isEqualTo(status == null ? "" : status);
      assertThat(redis.pttl(prefix + ":status:" + t)).isBetween(1L, 600_000L);
    }
  }

  @Test
  void setWithoutAValueStoresTheRowAsJsonWithoutTtl() throws Exception {
    RedisSink sink = sink(Map.of("command", "set", "key", prefix + ":row:{trip_id}"));

    write(sink, 7, 1);

    JsonNode row = JSON.readTree(redis.get(prefix + ":row:7"));
    assertThat(row.get("trip_id").longValue()).isEqualTo(7);
    assertThat(row.get("_table").textValue()).isEqualTo("public.fares");
    assertThat(redis.pttl(prefix + ":row:7")).isEqualTo(-1L);
  }

  /**
   * A per-command error reply. With PUBLISH, DEL and SET a WRONGTYPE cannot happen (SET replaces
   * any type), so the error here is NOPERM: an ACL user may write only {@code <prefix>:d:*} keys,
   * and the key template puts the rows whose {@code _op} is "d" (every 4th) there.
   */
  @Test
  void aRefusedCommandSendsItsRowToTheDeadLetterOutputAndTheOthersLand() throws Exception {
    String user = "logpro-it-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "PW-SECRET-" + UUID.randomUUID();
    aclUsers.add(user);
    redis.aclSetuser(user, AclSetuserArgs.Builder.on().addPassword(password).keyPattern(prefix + ":d:*").allCommands());
    RedisSink sink = sink(Map.of("command", "set", "key", prefix + ":{_op}:{trip_id}", "value", "v",
        "uri", "redis://" + user + ":" + password + "@127.0.0.1:6379"));

    write(sink, 0, 12);

    List<Long> refused = LongStream.range(0, 12).filter(t -> !TestTrips.op(t).equals("d")).boxed().toList();
    assertThat(context.rejectedIds()).containsExactlyElementsOf(refused);
    assertThat(context.rejected()).allSatisfy(r -> assertThat(r.error()).startsWith("SET " + prefix + ":u:").contains("NOPERM")
        .doesNotContain(password));
    for (long t = 0; t < 12; t += 4) assertThat(redis.get(prefix + ":d:" + t)).isEqualTo("v");
    assertThat(redis.exists(prefix + ":u:1")).isZero();
  }

  @Test
  void aTemplateNamingAMissingColumnFailsNamingIt() {
    RedisSink sink = sink(Map.of("command", "del", "key", prefix + ":trip:{vendor}:{trip_id}"));

    assertThatThrownBy(() -> write(sink, 0, 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("redis sink bust-" + prefix + ": the key template '" + prefix + ":trip:{vendor}:{trip_id}' names column"
            + " 'vendor', which is not in the rows (columns: vendor_id, trip_id, status, _op, _table)");
  }

  @Test
  void aKilledConnectionIsReconnectedAndEveryRowLands() throws Exception {
    RedisSink sink = sink(Map.of("command", "set", "key", prefix + ":k:{trip_id}", "value", "{trip_id}"));
    write(sink, 0, 10);

    String name = RedisSink.clientName("cache", "bust-" + prefix);
    long killed = 0;
    for (String line : redis.clientList().split("\n")) {
      if (line.contains(" name=" + name + " ")) {
        long id = Long.parseLong(line.substring(3, line.indexOf(' ')));
        killed += redis.clientKill(KillArgs.Builder.id(id));
      }
    }
    assertThat(killed).isEqualTo(1);
    write(sink, 10, 500);

    for (long t = 0; t < 510; t++) assertThat(redis.get(prefix + ":k:" + t)).isEqualTo(Long.toString(t));
    assertThat(context.rejected()).isEmpty();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void anUnreachableServerDeadLettersTheRowsAfterTheLastRetry() throws Exception {
    RedisSink sink = sink(Map.of("command", "del", "key", prefix + ":{trip_id}", "uri", "redis://127.0.0.1:" + closedPort(),
        "timeout", "1s", "retry", Map.of("max_attempts", 2, "initial_backoff", "1ms")));

    write(sink, 0, 3);

    assertThat(context.rejectedIds()).containsExactly(0L, 1L, 2L);
    assertThat(context.rejected().getFirst().error()).startsWith("no confirmation after 2 attempt(s), last: cannot connect:");
  }

  @Test
  void onExhaustedFailFailsTheBatch() throws Exception {
    RedisSink sink = sink(Map.of("command", "del", "key", prefix + ":{trip_id}", "uri", "redis://127.0.0.1:" + closedPort(),
        "timeout", "1s", "on_exhausted", "fail", "retry", Map.of("max_attempts", 2, "initial_backoff", "1ms")));

    assertThatThrownBy(() -> write(sink, 0, 3)).isInstanceOf(IOException.class)
        .hasMessageContaining("3 command(s) to redis://127.0.0.1:").hasMessageContaining("unconfirmed");
    assertThat(context.rejected()).isEmpty();
  }

  @Test
  void thePasswordOfTheUriIsNeverLogged() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      RedisSink sink = sink(Map.of("command", "del", "key", prefix + ":{trip_id}",
          "uri", "redis://someone:PW-SECRET-7@127.0.0.1:" + closedPort(), "timeout", "1s",
          "retry", Map.of("max_attempts", 3, "initial_backoff", "1ms")));
      write(sink, 0, 2);
      assertThat(sink.toString()).doesNotContain("PW-SECRET");
    } finally {
      System.setErr(err);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("WARN").contains("retrying").contains("ERROR").contains("redis://127.0.0.1:");
    assertThat(log).doesNotContain("PW-SECRET");
    assertThat(context.rejected()).hasSize(2).allSatisfy(r -> assertThat(r.error()).doesNotContain("PW-SECRET"));
  }
}
