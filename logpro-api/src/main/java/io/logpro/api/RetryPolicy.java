package io.logpro.api;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * The one retry policy of every component: exponential backoff with full jitter, bounded by a
 * number of attempts and a largest delay. A component declares the {@code retry:} block with
 * {@link #field()} and builds the policy with {@link #from(Config)}; what counts as transient
 * (network, timeout, 5xx, lock or serialization conflict) is the component's call.
 *
 * @param maxAttempts    attempts in all, the first included (1 = no retry)
 * @param initialBackoff the delay before the second attempt, before jitter
 * @param maxBackoff     the largest delay between two attempts
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  public static final RetryPolicy DEFAULT = new RetryPolicy(10, Duration.ofMillis(200), Duration.ofSeconds(30));

  public static final ConfigSpec SPEC = ConfigSpec.builder("", "Retries of transient errors: exponential backoff with jitter.")
      .field(FieldSpec.integer("max_attempts", "Attempts in all, the first included; 1 disables retries.").withDefault((long) DEFAULT.maxAttempts()))
      .field(FieldSpec.duration("initial_backoff", "Delay before the first retry (doubles each time, with jitter).").withDefault("200ms"))
      .field(FieldSpec.duration("max_backoff", "Largest delay between two attempts.").withDefault("30s"))
      .build();

  public RetryPolicy {
    if (maxAttempts < 1) throw new IllegalArgumentException("max_attempts must be at least 1, found " + maxAttempts);
    if (initialBackoff.isNegative() || maxBackoff.isNegative()) throw new IllegalArgumentException("backoff must not be negative");
  }

  /** The {@code retry:} field of a component's spec. */
  public static FieldSpec field() {
    return FieldSpec.object("retry", "Retries of transient errors (exponential backoff with jitter).", SPEC);
  }

  /** The policy of a component's {@code retry:} block (defaults when absent). */
  public static RetryPolicy from(Config componentConfig) {
    Config c = componentConfig.object("retry");
    int attempts = c.has("max_attempts") ? c.integer("max_attempts") : DEFAULT.maxAttempts();
    if (attempts < 1) throw c.error("max_attempts", "expected 1 or more, found " + attempts);
    Duration initial = c.has("initial_backoff") ? c.duration("initial_backoff") : DEFAULT.initialBackoff();
    Duration max = c.has("max_backoff") ? c.duration("max_backoff") : DEFAULT.maxBackoff();
    return new RetryPolicy(attempts, initial, max);
  }

  /** The delay before attempt {@code attempt + 1} after {@code attempt} failed (1-based): uniform in [0, min(max, initial * 2^(attempt-1))]. */
  public Duration delayAfter(int attempt) {
    long cap = maxBackoff.toMillis();
    long base = initialBackoff.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
    long bound = Math.min(cap, base < 0 ? cap : base);
    return Duration.ofMillis(bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound / 2, bound + 1));
  }

  /** A piece of work that may fail. */
  public interface Attempt<T> {
    T run() throws Exception;
  }

  /** Called before each retry with the failure and the delay about to be slept. */
  public interface RetryListener {
    void onRetry(int attempt, Exception failure, Duration delay);
  }

  /**
   * Runs {@code work}, retrying failures that {@code isTransient} accepts until the attempts are
   * used up; a permanent failure, or the last transient one, is thrown as it is.
   */
  public <T> T run(Attempt<T> work, Predicate<Exception> isTransient, RetryListener listener) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.run();
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        if (attempt >= maxAttempts || !isTransient.test(e)) throw e;
        Duration delay = delayAfter(attempt);
        if (listener != null) listener.onRetry(attempt, e, delay);
        Thread.sleep(delay.toMillis());
      }
    }
  }
}
