package io.logpro.messaging.redis;

import io.logpro.api.OnExhausted;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;
import io.logpro.api.RetryPolicy;
import io.logpro.api.format.EncodingFormat;
import io.logpro.api.sink.Sink;
import io.logpro.api.sink.SinkContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one Redis command per row (PUBLISH, DEL or SET), a batch at a time: the commands are
 * pipelined (auto-flush off, one flush, then every reply awaited), and {@link #write} returns only
 * when each was confirmed or its row went to the dead-letter output, so positions advance only
 * over delivered rows. Commands left unconfirmed by a lost connection or a timeout are sent again
 * under the {@link RetryPolicy} while lettuce reconnects; an error reply (NOPERM, WRONGTYPE, OOM...)
 * sends that row to the dead-letter output.
 *
 * <p>Not {@link io.logpro.api.sink.Transactional}: at least once. After a crash, or a retry of a
 * command whose reply was lost, a command can be sent twice: DEL and SET are idempotent, a PUBLISH
 * is received twice.
 */
public final class RedisSink implements Sink {
  private static final Logger log = LoggerFactory.getLogger(RedisSink.class);
  private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
  /** Beyond the command timeout, how long to wait for lettuce to report it before giving up on a reply. */
  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int SHOWN_TARGET_CHARS = 200;

  /**
   * @param uri         the server (may hold a password: never printed)
   * @param command     what each row becomes
   * @param target      the channel (publish) or key (del, set)
   * @param payload     the message (publish) or value (set), or null for the row as JSON (or for del)
   * @param ttl         set: PX, or null
   * @param timeout     connect timeout and reply timeout
   * @param retry       retries of unconfirmed commands
   * @param onExhausted what happens after the last retry
   * @param json        the json format for rows sent whole, or null when no row is
   * @param passwords   the password of {@code uri} as written (and decoded), masked in any text that might show it
   */
  public record Settings(RedisURI uri, RedisCommand command, Template target, Template payload, Duration ttl, Duration timeout,
                         RetryPolicy retry, OnExhausted onExhausted, EncodingFormat json, java.util.List<String> passwords) {
    @Override
    public String toString() {
      return "RedisSink.Settings[server=" + SafeText.server(uri) + ", command=" + command + ", target=" + target
          + ", payload=" + (payload == null ? "row as JSON" : payload) + ", ttl=" + ttl + ", timeout=" + timeout
          + ", retry=" + retry + ", onExhausted=" + onExhausted + "]";
    }
  }

  /** Some commands of an attempt are neither confirmed nor refused; the message says why (no secrets). */
  private static final class Unconfirmed extends Exception {
    Unconfirmed(String reason) {
      super(reason, null, false, false);
    }
  }

  private final Settings settings;
  private final String server;
  private SinkContext context;
  private String name = "redis";
  private RedisClient client;
  private StatefulRedisConnection<String, byte[]> connection;
  private RowJson json;
  private Template.Bound target;
  private Template.Bound payload;

  public RedisSink(Settings settings) {
    this.settings = settings;
    this.server = SafeText.server(settings.uri());
  }

  @Override
  public void open(PipelineContext pipelineContext) {
    context = SinkContext.of(pipelineContext);
    name = pipelineContext.componentName();
    json = settings.json() == null ? null : new RowJson(settings.json());
    RedisURI uri = RedisURI.builder(settings.uri())
        .withTimeout(settings.timeout())
        .withClientName(clientName(pipelineContext.pipelineName(), name))
        .build();
    client = RedisClient.create(uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        // while reconnecting, commands fail at once and the RetryPolicy's backoff paces the next try, instead of
        // piling up in lettuce's buffer until each one times out
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder().connectTimeout(settings.timeout()).build())
        .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
        .build());
    try {
      connect();
    } catch (RedisException e) {
      // not fatal: each write connects first, under the retry policy
      log.warn("redis sink {}: cannot connect to {} yet: {}", name, server, SafeText.error(e, settings.passwords()));
    }
  }

  /** The name the connection shows in CLIENT LIST: {@code logpro:<pipeline>:<sink>} without spaces. */
  static String clientName(String pipeline, String sink) {
    return ("logpro:" + pipeline + ":" + sink).replaceAll("[^A-Za-z0-9._:-]", "_");
  }

  private StatefulRedisConnection<String, byte[]> connect() {
    if (connection == null) {
      StatefulRedisConnection<String, byte[]> c = client.connect(CODEC);
      c.setAutoFlushCommands(false); // pipelining: a batch's commands leave in one flush
      connection = c;
    }
    return connection;
  }

  @Override
  public void write(Batch batch) throws Exception {
    int rows = batch.rowCount();
    if (rows == 0) return;
    VectorSchemaRoot root = batch.root();
    bind(root);
    String[] targets = new String[rows];
    byte[][] payloads = settings.command() == RedisCommand.DEL ? null : new byte[rows][];
    for (int row = 0; row < rows; row++) {
      targets[row] = target.render(row);
      if (payloads != null) {
        payloads[row] = payload != null ? payload.render(row).getBytes(StandardCharsets.UTF_8) : json.row(root, row);
      }
    }
    BitSet pending = new BitSet(rows);
    pending.set(0, rows);
    try {
      settings.retry().run(() -> {
        attempt(batch, targets, payloads, pending);
        return null;
      }, e -> e instanceof Unconfirmed, (attempt, failure, delay) -> log.warn(
          "redis sink {}: {} of {} command(s) to {} unconfirmed on attempt {} of {}: {}; retrying in {} ms", name,
          pending.cardinality(), rows, server, attempt, settings.retry().maxAttempts(), failure.getMessage(), delay.toMillis()));
    } catch (Unconfirmed e) {
      String reason = "no confirmation after " + settings.retry().maxAttempts() + " attempt(s), last: " + e.getMessage();
      if (settings.onExhausted() == OnExhausted.FAIL) {
        throw new IOException("redis sink " + name + ": " + pending.cardinality() + " command(s) to " + server + " unconfirmed, " + reason);
      }
      log.error("redis sink {}: {} command(s) to {} unconfirmed, {}; their rows go to the dead-letter output", name,
          pending.cardinality(), server, reason);
      for (int row = pending.nextSetBit(0); row >= 0; row = pending.nextSetBit(row + 1)) context.reject(batch, row, reason);
    }
  }

  /**
   * Binds the templates to the batch's vectors (each batch has its own; a lookup per column, not
   * per row). A template naming a column the rows lack fails here, at the first such batch.
   */
  private void bind(VectorSchemaRoot root) {
    String targetWhat = settings.command() == RedisCommand.PUBLISH ? "channel" : "key";
    String payloadWhat = settings.command() == RedisCommand.PUBLISH ? "message" : "value";
    try {
      target = settings.target().bind(root, targetWhat);
      payload = settings.payload() == null ? null : settings.payload().bind(root, payloadWhat);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("redis sink " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sends the pending rows' commands in one flush and waits for every reply: a confirmed or
   * refused row leaves {@code pending}; whatever remains is thrown as {@link Unconfirmed}.
   */
  private void attempt(Batch batch, String[] targets, byte[][] payloads, BitSet pending) throws Unconfirmed, InterruptedException {
    StatefulRedisConnection<String, byte[]> c;
    try {
      c = connect();
    } catch (RedisException e) {
      throw new Unconfirmed("cannot connect: " + SafeText.error(e, settings.passwords()));
    }
    RedisAsyncCommands<String, byte[]> async = c.async();
    int[] rows = pending.stream().toArray();
    RedisFuture<?>[] futures = new RedisFuture<?>[rows.length];
    for (int i = 0; i < rows.length; i++) {
      int row = rows[i];
      futures[i] = switch (settings.command()) {
        case PUBLISH -> async.publish(targets[row], payloads[row]);
        case DEL -> async.del(targets[row]);
        case SET -> settings.ttl() == null ? async.set(targets[row], payloads[row])
            : async.set(targets[row], payloads[row], SetArgs.Builder.px(settings.ttl().toMillis()));
      };
    }
    c.flushCommands();
    long deadline = System.nanoTime() + settings.timeout().toNanos() + GRACE_NANOS;
    String lastProblem = null;
    for (int i = 0; i < rows.length; i++) {
      int row = rows[i];
      try {
        futures[i].get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        pending.clear(row);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RedisCommandExecutionException refused && !isTransientReply(refused)) {
          pending.clear(row);
          context.reject(batch, row, settings.command() + " " + clip(targets[row]) + ": " + refused.getMessage());
        } else {
          lastProblem = SafeText.error(cause, settings.passwords());
        }
      } catch (TimeoutException e) {
        lastProblem = "no reply within " + settings.timeout().toMillis() + " ms";
      } catch (CancellationException e) {
        lastProblem = "command cancelled (connection reset)";
      }
    }
    if (!pending.isEmpty()) throw new Unconfirmed(lastProblem);
  }

  /** Replies that say "not now" rather than "not this": the server is loading, busy with a script, or failing over. */
  static boolean isTransientReply(RedisCommandExecutionException e) {
    if (e instanceof RedisLoadingException || e instanceof RedisBusyException) return true;
    String m = e.getMessage() == null ? "" : e.getMessage();
    return m.startsWith("LOADING") || m.startsWith("BUSY") || m.startsWith("TRYAGAIN") || m.startsWith("MASTERDOWN")
        || m.startsWith("CLUSTERDOWN");
  }

  private static String clip(String s) {
    return s.length() <= SHOWN_TARGET_CHARS ? s : s.substring(0, SHOWN_TARGET_CHARS) + "...";
  }

  /** Every command was confirmed in {@link #write}: nothing is left to make durable. */
  @Override
  public void commit(Checkpoint checkpoint) {}

  @Override
  public void close() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
    if (client != null) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      client = null;
    }
  }

  @Override
  public String toString() {
    return "RedisSink[" + name + " " + settings.command().name().toLowerCase(java.util.Locale.ROOT) + " " + server + "]";
  }
}
