package io.logpro.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Position;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {
  private static final Position A = new Position("p0", 10, "tok1");
  private static final Position B = Position.of("p0", 20);

  @Test
  void isStableAndIgnoresResumeTokens() {
    assertThat(IdempotencyKey.of("pipe", "hook", A, B, 0, 5))
        .isEqualTo(IdempotencyKey.of("pipe", "hook", new Position("p0", 10, "tok2"), B, 0, 5))
        .matches("[0-9a-f]{32}");
  }

  @Test
  void changesWithEachPart() {
    Set<String> keys = new HashSet<>();
    keys.add(IdempotencyKey.of("pipe", "hook", A, B, 0, 5));
    keys.add(IdempotencyKey.of("pipe2", "hook", A, B, 0, 5));
    keys.add(IdempotencyKey.of("pipe", "hook2", A, B, 0, 5));
    keys.add(IdempotencyKey.of("pipe", "hook", B, B, 0, 5));
    keys.add(IdempotencyKey.of("pipe", "hook", A, A, 0, 5));
    keys.add(IdempotencyKey.of("pipe", "hook", A, B, 5, 5));
    keys.add(IdempotencyKey.of("pipe", "hook", A, B, 0, 4));
    keys.add(IdempotencyKey.of("pipe", "hook", Position.of("p1", 10), B, 0, 5));
    keys.add(IdempotencyKey.ofContent("pipe", "hook", new byte[] {1}));
    keys.add(IdempotencyKey.ofContent("pipe", "hook", new byte[] {2}));

    assertThat(keys).hasSize(10);
  }
}
