package io.logpro.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checkpoints in /api/pipeline: any partition or token text (topic names, file paths, LSNs) stays valid JSON. */
class PipelineStatusTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anyCheckpointRendersAsJsonThatReadsBackToTheSamePositions() throws Exception {
    Random random = new Random(20261125L);
    for (int run = 0; run < 500; run++) {
      List<Position> positions = new ArrayList<>();
      int n = random.nextInt(5);
      for (int i = 0; i < n; i++) {
        String token = random.nextInt(3) == 0 ? "" : text(random);
        positions.add(new Position(text(random) + "-" + i, random.nextLong() & Long.MAX_VALUE, token));
      }
      Checkpoint cp = Checkpoint.of(positions);
      String json = PipelineStatus.positionsJson(cp);

      JsonNode parsed = JSON.readTree(json);
      List<Position> back = new ArrayList<>();
      for (JsonNode p : parsed) {
        back.add(new Position(p.path("partition").asText(), p.path("sequence").asLong(), p.has("token") ? p.path("token").asText() : ""));
        assertThat(p.has("token")).as(json).isEqualTo(!p.path("token").asText("").isEmpty());
      }
      assertThat(Checkpoint.of(back)).as(json).isEqualTo(cp);
    }
  }

  /** Text with quotes, backslashes, control characters and characters outside the BMP. */
  private static String text(Random random) {
    StringBuilder sb = new StringBuilder();
    int len = 1 + random.nextInt(12);
    for (int i = 0; i < len; i++) {
      switch (random.nextInt(6)) {
        case 0 -> sb.append('"');
        case 1 -> sb.append('\\');
        case 2 -> sb.append((char) random.nextInt(0x20));
        case 3 -> sb.appendCodePoint(0x1F600 + random.nextInt(50));
        case 4 -> sb.append((char) ('a' + random.nextInt(26)));
        default -> sb.append((char) (0xA0 + random.nextInt(0xD000)));
      }
    }
    return sb.toString();
  }
}
