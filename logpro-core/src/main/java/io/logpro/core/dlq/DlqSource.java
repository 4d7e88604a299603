package io.logpro.core.dlq;

import io.logpro.api.Checkpoint;
import io.logpro.api.DeadLetter;
import io.logpro.api.PipelineContext;
import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.source.Seekable;
import io.logpro.api.source.Source;
import io.logpro.api.source.SourceChunk;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads a file dead-letter output back as records, for {@code logpro dlq replay}: each letter's
 * original bytes become a message again. Positions are the letter's own source position under a
 * partition of the replay ({@code dlq:<route>:<original partition>}), so a transactional sink that
 * stored them skips them the next time: replaying twice does not duplicate.
 *
 * <p>The letters of one route are loaded at open (dead-letter outputs are small next to the data)
 * and sorted by position within each partition so that positions only grow.
 */
final class DlqSource implements Source, Seekable {
  private final Path dir;
  private final String route;
  private List<StoredLetter> letters = List.of();
  private Position[] positions = new Position[0];
  private int next;
  private Checkpoint skip = Checkpoint.empty();

  DlqSource(Path dir, String route) {
    this.dir = dir;
    this.route = route;
  }

  @Override
  public void open(PipelineContext context) throws Exception {
    List<StoredLetter> mine = new ArrayList<>();
    DeadLetterFiles.forEach(dir, l -> {
      if (route == null || route.equals(l.route())) mine.add(l);
    });
    mine.sort(Comparator.comparing((StoredLetter l) -> l.partition() == null ? "" : l.partition())
        .thenComparing(l -> l.sequence() == null ? Long.MIN_VALUE : l.sequence()));
    letters = mine;
    positions = new Position[mine.size()];
    long unknown = 0;
    String routeName = route == null ? DeadLetterRoutes.ALL : route;
    for (int i = 0; i < positions.length; i++) {
      StoredLetter l = mine.get(i);
      String partition = "dlq:" + routeName + ":" + (l.partition() == null ? "unknown" : l.partition());
      // letters without a source position are numbered in file order
      positions[i] = Position.of(partition, l.sequence() == null ? ++unknown : l.sequence());
    }
  }

  @Override
  public void seek(Checkpoint checkpoint) {
    skip = checkpoint;
  }

  @Override
  public SourceChunk read(int maxRecords, Duration maxWait) {
    List<RawMessage> out = new ArrayList<>();
    while (next < letters.size() && out.size() < maxRecords) {
      StoredLetter l = letters.get(next);
      Position pos = positions[next];
      if (skip.covers(pos)) {
        next++;
        continue;
      }
      if (l.raw() == null) {
        if (!out.isEmpty()) break; // hand over the messages first, the unreadable one comes next
        next++;
        return new SourceChunk.Unreadable(new DeadLetter("no original bytes to replay; first rejected: " + l.error(), "replay",
            Instant.now(), "dlq", pos, null), pos);
      }
      out.add(new RawMessage(l.raw(), 0, l.raw().length, null, Map.of(), RawMessage.NO_TIMESTAMP, pos, null));
      next++;
    }
    if (out.isEmpty()) return next >= letters.size() ? SourceChunk.END : SourceChunk.IDLE;
    return new SourceChunk.Messages(out);
  }

  @Override
  public void close() {
    letters = List.of();
  }
}
