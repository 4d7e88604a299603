package io.logpro.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PackedMessagesTest {
  @Test
  void everyMessageComesBackWithItsBytesKeyHeadersTimestampPositionAndContext() {
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      List<RawMessage> messages = randomMessages(random, random.nextInt(50));
      List<RawMessage> originals = List.copyOf(messages);
      PackedMessages packed = PackedMessages.pack(messages);
      messages.clear(); // the reader reuses its list
      assertThat(packed).hasSize(originals.size());
      for (int i = 0; i < originals.size(); i++) assertSame(packed.get(i), originals.get(i), "round " + round + ", message " + i);
    }
  }

  @Test
  void aSliceOfASharedReadBufferIsPackedAsItsOwnBytes() {
    byte[] buffer = "aaa{\"x\":1}bbb".getBytes(StandardCharsets.UTF_8);
    RawMessage slice = new RawMessage(buffer, 3, 7, null, Map.of(), RawMessage.NO_TIMESTAMP, Position.of("f", 10), null);
    RawMessage m = PackedMessages.pack(new ArrayList<>(List.of(slice))).get(0);
    assertThat(new String(m.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"x\":1}");
  }

  @Test
  void anIndexOutsideTheUnitIsRefused() {
    PackedMessages packed = PackedMessages.pack(new ArrayList<>(List.of(RawMessage.of(new byte[] {1}, null))));
    assertThatThrownBy(() -> packed.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> packed.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  private static List<RawMessage> randomMessages(Random random, int count) {
    boolean keys = random.nextBoolean();
    boolean headers = random.nextInt(4) == 0;
    boolean tokens = random.nextInt(4) == 0;
    boolean contexts = random.nextInt(4) == 0;
    List<RawMessage> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] buffer = new byte[random.nextInt(40)];
      random.nextBytes(buffer);
      int offset = buffer.length == 0 ? 0 : random.nextInt(buffer.length);
      int length = random.nextInt(buffer.length - offset + 1);
      byte[] key = keys && random.nextBoolean() ? randomBytes(random, random.nextInt(8)) : null;
      Map<String, byte[]> h = headers && random.nextBoolean() ? Map.of("h" + random.nextInt(3), randomBytes(random, 3)) : Map.of();
      Position p = random.nextInt(10) == 0 ? null
          : new Position("topic-" + random.nextInt(3), random.nextLong(), tokens && random.nextBoolean() ? "t" + i : "");
      long ts = random.nextBoolean() ? RawMessage.NO_TIMESTAMP : random.nextLong();
      Object context = contexts && random.nextBoolean() ? "header-" + random.nextInt(2) : null;
      out.add(new RawMessage(buffer, offset, length, key, h, ts, p, context));
    }
    return out;
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static void assertSame(RawMessage actual, RawMessage expected, String what) {
    assertThat(actual.bytes()).as(what + " bytes").isEqualTo(expected.bytes());
    assertThat(actual.length()).as(what + " length").isEqualTo(expected.length());
    assertThat(actual.key()).as(what + " key").isEqualTo(expected.key());
    assertThat(actual.headers()).as(what + " headers").isEqualTo(expected.headers());
    assertThat(actual.timestampMs()).as(what + " timestamp").isEqualTo(expected.timestampMs());
    assertThat(actual.position()).as(what + " position").isEqualTo(expected.position());
    assertThat(actual.formatContext()).as(what + " context").isEqualTo(expected.formatContext());
  }
}
