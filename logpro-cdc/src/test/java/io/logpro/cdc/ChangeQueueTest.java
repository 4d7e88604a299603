package io.logpro.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class ChangeQueueTest {
  private static SourceRecord record(int i) {
    return new SourceRecord(Map.of(), Map.of("i", i), "t", null, null, null, null);
  }

  @Test
  void putBlocksWhileTheQueueIsFullUntilTheReaderTakes() throws Exception {
    ChangeQueue q = new ChangeQueue(2);
    q.put(record(1));
    q.put(record(2));
    Thread writer = new Thread(() -> {
      try {
        q.put(record(3));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    writer.start();
    while (writer.getState() != Thread.State.TIMED_WAITING && writer.getState() != Thread.State.WAITING) Thread.onSpinWait();
    assertThat(writer.isAlive()).isTrue();
    assertThat(q.pollNow().sourceOffset().get("i")).isEqualTo(1);
    writer.join();
    assertThat(q.pollNow().sourceOffset().get("i")).isEqualTo(2);
    assertThat(q.pollNow().sourceOffset().get("i")).isEqualTo(3);
  }

  @Test
  void aClosedQueueReleasesAWaitingWriter() throws Exception {
    ChangeQueue q = new ChangeQueue(1);
    q.put(record(1));
    boolean[] accepted = {true};
    Thread writer = new Thread(() -> {
      try {
        accepted[0] = q.put(record(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    writer.start();
    while (writer.getState() != Thread.State.TIMED_WAITING && writer.getState() != Thread.State.WAITING) Thread.onSpinWait();
    q.close();
    writer.join();
    assertThat(accepted[0]).isFalse();
  }

  @Test
  void pollReturnsNothingOnceTheEngineHasEndedAndTheQueueIsEmpty() throws Exception {
    ChangeQueue q = new ChangeQueue(4);
    q.put(record(1));
    q.finish(new ChangeQueue.Outcome(true, "done", null));
    assertThat(q.poll(Duration.ofDays(1))).isNotNull();
    assertThat(q.poll(Duration.ofDays(1))).isNull();
    assertThat(q.outcome().success()).isTrue();
  }
}
