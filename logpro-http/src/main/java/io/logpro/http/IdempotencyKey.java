package io.logpro.http;

import io.logpro.api.Position;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code Idempotency-Key} of a request: a hash that is the same when a crash makes the
 * pipeline send the same rows again, so that a receiver can drop a request it already
 * processed. It covers the pipeline, the sink, the source positions of the request's first and
 * last rows, and where the request's rows sit in their batch (offset and count): rows that share
 * a position (one transaction, one multi-row message) split over two requests still get two keys.
 */
public final class IdempotencyKey {
  private IdempotencyKey() {}

  public static String of(String pipeline, String sink, Position first, Position last, int offsetInBatch, int rows) {
    return hash(null, pipeline, sink, describe(first), describe(last), Integer.toString(offsetInBatch), Integer.toString(rows));
  }

  /** For rows without positions of their own: the positions their batch covers ({@code Checkpoint.toJson()}). */
  public static String of(String pipeline, String sink, String batchPositions, int offsetInBatch, int rows) {
    return hash(null, pipeline, sink, batchPositions, Integer.toString(offsetInBatch), Integer.toString(rows));
  }

  /** For rows that carry no position at all (tools, tests): the body itself identifies the request. */
  public static String ofContent(String pipeline, String sink, byte[] body) {
    return hash(body, pipeline, sink, "content");
  }

  private static String hash(byte[] body, String... fields) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    // NUL separators: no field can run into the next and make two different inputs hash alike
    sha.update(String.join("\0", fields).getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      sha.update((byte) 0);
      sha.update(body);
    }
    return HexFormat.of().formatHex(sha.digest(), 0, 16);
  }

  private static String describe(Position p) {
    // not the token: it is resume state that may differ between runs for the same record
    return p == null ? "" : p.partition() + "\0" + p.sequence();
  }
}
