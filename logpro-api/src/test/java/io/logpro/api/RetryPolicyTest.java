package io.logpro.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.MapConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy quick = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(4));

  @Test
  void retriesTransientFailuresUntilTheWorkSucceeds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String result = quick.run(() -> {
      if (calls.incrementAndGet() < 3) throw new IOException("connection reset");
      return "ok";
    }, e -> e instanceof IOException, null);
    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(3);
  }

  @Test
  void throwsAPermanentFailureAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> quick.run(() -> {
      calls.incrementAndGet();
      throw new IllegalArgumentException("bad value");
    }, e -> e instanceof IOException, null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void throwsTheLastTransientFailureWhenAttemptsAreUsedUp() {
    List<Integer> retried = new ArrayList<>();
    assertThatThrownBy(() -> quick.run(() -> {
      throw new IOException("down");
    }, e -> true, (attempt, e, delay) -> retried.add(attempt))).hasMessage("down");
    assertThat(retried).containsExactly(1, 2, 3);
  }

  @Test
  void delaysGrowExponentiallyAndStayUnderTheCap() {
    RetryPolicy p = new RetryPolicy(20, Duration.ofMillis(100), Duration.ofSeconds(2));
    for (int i = 0; i < 200; i++) {
      assertThat(p.delayAfter(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
      assertThat(p.delayAfter(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
      assertThat(p.delayAfter(40)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
  }

  @Test
  void readsTheRetryBlockOfAComponent() {
    ConfigSpec spec = ConfigSpec.builder("http", "a webhook").field(RetryPolicy.field()).build();
    var config = new MapConfig("http", "hook", spec, Map.of("retry", Map.of("max_attempts", 3L, "max_backoff", "5s")));
    RetryPolicy p = RetryPolicy.from(config);
    assertThat(p.maxAttempts()).isEqualTo(3);
    assertThat(p.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.initialBackoff()).isEqualTo(RetryPolicy.DEFAULT.initialBackoff());
  }
}
