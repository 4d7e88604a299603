package io.logpro.core.dlq;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One dead letter as the file dead-letter output stored it (a row of
 * {@link io.logpro.core.engine.DeadLetterBatches#SCHEMA}).
 *
 * @param partition the source partition of the rejected record, or null when unknown
 * @param sequence  its position within the partition, or null when unknown
 * @param raw       the original bytes (or the row as JSON for columnar sources), or null
 * @param file      the DLQ file it was read from
 * @param line      its line in that file, from 1
 */
public record StoredLetter(String pipeline, String error, String stage, Instant time, String source, String partition,
    Long sequence, byte[] raw, Path file, long line) {

  /** Which sinks a replay must feed: all of them, or only the one whose branch rejected the row. */
  public String route() {
    if (stage == null) return DeadLetterRoutes.ALL;
    if (stage.startsWith("sink:")) return stage.substring("sink:".length());
    if (stage.startsWith("processor:sink:")) {
      String rest = stage.substring("processor:sink:".length());
      int colon = rest.indexOf(':');
      return colon < 0 ? rest : rest.substring(0, colon);
    }
    return DeadLetterRoutes.ALL;
  }
}
