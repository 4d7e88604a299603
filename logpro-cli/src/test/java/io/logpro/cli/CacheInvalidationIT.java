package io.logpro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/cdc/cache-invalidation.yaml against the local PostgreSQL and Redis and an HTTP receiver
 * in the test: one change stream fans out to a replica table, Redis DEL of cache keys, a Redis
 * PUBLISH per change, and a signed webhook; each hook sees one message per change that matches its
 * {@code when:}, and every webhook signature verifies.
 */
class CacheInvalidationIT {
  static final int PRODUCTS = 200;
  static final String REDIS_DB = "redis://127.0.0.1:6379/7";
  static final String SECRET = "test-secret-" + TestDatabases.uniqueSuffix();

  @TempDir Path work;
  private final String id = TestDatabases.uniqueSuffix();
  private final String source = "logpro_src_" + id;
  private final String target = "logpro_dst_" + id;
  private RedisClient redis;
  private HttpServer receiver;
  private final List<JsonNode> webhookRows = new CopyOnWriteArrayList<>();
  private final AtomicInteger badSignatures = new AtomicInteger();

  @BeforeEach
  void setUp() throws Exception {
    TestDatabases.createPg(source);
    TestDatabases.createPg(target);
    for (String db : List.of(source, target)) {
      try (Connection c = TestDatabases.pg(db); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE public.products (id integer PRIMARY KEY, name text, price float8, in_stock integer)");
      }
    }
    try (Connection c = TestDatabases.pg(source); Statement s = c.createStatement()) {
      s.execute("INSERT INTO products SELECT g, 'product ' || g, g, g % 10 FROM generate_series(1, " + PRODUCTS + ") g");
    }
    redis = RedisClient.create(REDIS_DB);
    try (StatefulRedisConnection<String, String> c = redis.connect()) {
      c.sync().flushdb();
      for (int i = 1; i <= PRODUCTS; i++) c.sync().set("product:" + i, "cached " + i);
    }
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ObjectMapper json = new ObjectMapper();
    receiver.createContext("/hooks/products", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String signature = exchange.getRequestHeaders().getFirst("X-Logpro-Signature");
      if (!verifies(signature, body)) badSignatures.incrementAndGet();
      for (JsonNode row : json.readTree(body)) webhookRows.add(row);
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void tearDown() {
    if (receiver != null) receiver.stop(0);
    if (redis != null) redis.shutdown();
    TestDatabases.dropPg(source);
    TestDatabases.dropPg(target);
  }

  /** The receiver's side of the signature: {@code t=<unix>,v1=<hex HMAC-SHA256 of "t.body">}. */
  static boolean verifies(String header, byte[] body) {
    if (header == null) return false;
    Map<String, String> parts = new HashMap<>();
    for (String kv : header.split(",")) {
      String[] p = kv.split("=", 2);
      if (p.length == 2) parts.put(p[0].trim(), p[1].trim());
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((parts.get("t") + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body)).equals(parts.get("v1"));
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void eachHookSeesOneMessagePerMatchingChange() throws Exception {
    List<String> published = new CopyOnWriteArrayList<>();
    StatefulRedisPubSubConnection<String, String> sub = redis.connectPubSub();
    sub.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String channel, String message) {
        published.add(message);
      }
    });
    sub.sync().subscribe("changes.products");

    Map<String, String> env = new HashMap<>(Map.of(
        "PIPELINE", "hooks-it-" + id, "SOURCE_DB", source, "TARGET_DB", target, "SLOT", "logpro_it_" + id,
        "PUBLICATION", "logpro_it_" + id, "REDIS_URI", REDIS_DB, "WEBHOOK_SECRET", SECRET,
        "WEBHOOK_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/products",
        "DLQ_DIR", work.resolve("dlq").toString(), "STATE_DIR", work.resolve("state").toString()));
    env.put("COMMIT_INTERVAL", "300ms");
    Path config = LogproProcess.repoDir().resolve("examples/cdc/cache-invalidation.yaml");
    Path log = work.resolve("logpro.log");
    Process p = LogproProcess.start(work, env, log, "run", config.toString());
    try {
      // the snapshot: one published message per product, and the expensive ones (price > 100) on the webhook
      awaitSize(published, PRODUCTS, log);
      try (Connection c = TestDatabases.pg(source); Statement s = c.createStatement()) {
        s.execute("UPDATE products SET price = price * 2 WHERE id % 4 = 0");   // 50 updates
        s.execute("DELETE FROM products WHERE id % 10 = 1");                    // 20 deletes
        s.execute("INSERT INTO products SELECT g, 'new ' || g, g, 1 FROM generate_series(201, 230) g"); // 30 inserts
      }
      int changes = 50 + 20 + 30;
      awaitSize(published, PRODUCTS + changes, log);
      Thread.sleep(1_000); // nothing more should come
      assertThat(published).hasSize(PRODUCTS + changes);

      // webhook: snapshot rows with price > 100 (101..200 = 100), updates whose new price > 100 (ids 4..200 step 4 with
      // 2*id > 100: id >= 52 → 38), inserts 201..230 (30); deletes are excluded by the condition
      int expectedWebhook = 100 + 38 + 30;
      awaitSize(webhookRows, expectedWebhook, log);
      Thread.sleep(1_000);
      assertThat(webhookRows).hasSize(expectedWebhook);
      assertThat(badSignatures).hasValue(0);
      assertThat(webhookRows).allSatisfy(row -> assertThat(row.get("price").asDouble()).isGreaterThan(100));

      // cache: the keys of updated and deleted products are gone, the others stay
      try (StatefulRedisConnection<String, String> c = redis.connect()) {
        Set<String> keys = ConcurrentHashMap.newKeySet();
        keys.addAll(c.sync().keys("product:*"));
        for (int i = 1; i <= PRODUCTS; i++) {
          boolean changed = i % 4 == 0 || i % 10 == 1;
          assertThat(keys.contains("product:" + i)).as("cache key of product %d", i).isEqualTo(!changed);
        }
      }
      // replica
      assertThat(PostgresReplicationIT.digest(source, "products")).isEqualTo(PostgresReplicationIT.digest(target, "products"));
    } finally {
      sub.close();
      p.destroy();
      p.waitFor();
    }
  }

  private static void awaitSize(List<?> list, int size, Path log) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (list.size() < size && System.nanoTime() < deadline) Thread.sleep(200);
    assertThat(list).as("log:\n%s", LogproProcess.tail(log)).hasSizeGreaterThanOrEqualTo(size);
  }
}
