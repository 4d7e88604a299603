package io.logpro.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Stripe-style signature of a webhook request: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}
 * over the bytes {@code "<t>." + body}. Signing the time with the body lets a receiver refuse old
 * requests replayed by someone who captured one, not only forged ones.
 */
public final class WebhookSignature {
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;

  public WebhookSignature(String secret) {
    if (secret == null || secret.isEmpty()) throw new IllegalArgumentException("a signing secret must not be empty");
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The header value for {@code body} sent at {@code unixSeconds}. */
  public String header(long unixSeconds, byte[] body) {
    return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac(unixSeconds, body));
  }

  /** Whether {@code header} is a valid signature of {@code body} by this secret (freshness is the caller's check). */
  public boolean verifies(String header, byte[] body) {
    Long t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) continue;
      String k = part.substring(0, eq).trim();
      String v = part.substring(eq + 1).trim();
      if (k.equals("t")) {
        try {
          t = Long.parseLong(v);
        } catch (NumberFormatException e) {
          return false;
        }
      } else if (k.equals("v1")) {
        v1 = v;
      }
    }
    if (t == null || v1 == null) return false;
    byte[] expected = HexFormat.of().formatHex(mac(t, body)).getBytes(StandardCharsets.US_ASCII);
    // constant-time comparison, so that the time to fail does not reveal how much of a forgery was right
    return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
  }

  private byte[] mac(long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSignature[***]";
  }
}
