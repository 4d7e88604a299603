package io.logpro.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  @Test
  void matchesAnHmacComputedElsewhere() {
    // python3: hmac.new(b'whsec_test', b'1700000000.[{"id":1}]', hashlib.sha256).hexdigest()
    String header = new WebhookSignature("whsec_test").header(1_700_000_000L, "[{\"id\":1}]".getBytes(StandardCharsets.UTF_8));

    assertThat(header).isEqualTo("t=1700000000,v1=25c2bc2702f3b8165a777920215796540f76c57753be3606eb3794e1d718d654");
  }

  @Test
  void randomBodiesVerifyWithTheirSecretOnly() {
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      byte[] body = new byte[random.nextInt(300)];
      random.nextBytes(body);
      String secret = "k" + random.nextLong();
      long t = random.nextLong(0, 4_000_000_000L);
      String header = new WebhookSignature(secret).header(t, body);

      assertThat(new WebhookSignature(secret).verifies(header, body)).isTrue();
      assertThat(new WebhookSignature(secret + "x").verifies(header, body)).isFalse();
      assertThat(new WebhookSignature(secret).verifies(header.replace("t=" + t, "t=" + (t + 1)), body)).isFalse();
      if (body.length > 0) {
        byte[] tampered = body.clone();
        tampered[random.nextInt(body.length)] ^= (byte) (1 + random.nextInt(255));
        assertThat(new WebhookSignature(secret).verifies(header, tampered)).isFalse();
      }
    }
  }

  @Test
  void malformedHeadersDoNotVerify() {
    WebhookSignature s = new WebhookSignature("k");
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

    assertThat(s.verifies("", body)).isFalse();
    assertThat(s.verifies("v1=abc", body)).isFalse();
    assertThat(s.verifies("t=x,v1=abc", body)).isFalse();
  }

  @Test
  void printsNoSecret() {
    assertThat(new WebhookSignature("SECRET").toString()).doesNotContain("SECRET");
  }
}
