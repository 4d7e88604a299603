package io.logpro.cdc;

import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.connect.data.Struct;

/**
 * Gives each change its {@link Position}.
 *
 * <p>Two partitions per source: {@code <type>:<prefix>} for streamed changes and
 * {@code <type>:<prefix>:snapshot} for snapshot rows (op r). Snapshot rows are counted on from the
 * stored checkpoint's sequence, so a snapshot Debezium redoes after a crash is delivered again
 * under new sequences, never skipped.
 *
 * <p>Streamed changes carry the dialect's order key in their token (plus a sub-number for several
 * changes logged at one key, e.g. the rows of one COPY record) and are dropped when their key is at
 * or before the last one delivered: after a restart (from the seek checkpoint) and after
 * Debezium's own reconnects (from the offsets it last flushed) it replays changes already
 * delivered. Their sequence is the packed key where the key fits in a long (MySQL), else a count
 * on from the checkpoint: the stream after a given key is the same on every replay, so a change
 * gets the same sequence whenever it is delivered again.
 */
final class CdcPositions {
  private final CdcDialect dialect;
  private final String streamPartition;
  private final String snapshotPartition;
  private long streamSeq;
  private long snapshotSeq;
  private long[] lastKey;
  private long[] lastBase;
  private long sub;
  private long snapshotRows;

  CdcPositions(CdcDialect dialect, String prefix) {
    this.dialect = dialect;
    this.streamPartition = dialect.type() + ":" + prefix;
    this.snapshotPartition = streamPartition + ":snapshot";
  }

  String streamPartition() {
    return streamPartition;
  }

  String snapshotPartition() {
    return snapshotPartition;
  }

  /**
   * Continues after {@code checkpoint}; returns the token Debezium resumes from (the streamed
   * position's when there is one: streaming follows the snapshot), or null to start afresh.
   */
  ResumeToken seek(Checkpoint checkpoint) {
    Position stream = checkpoint.get(streamPartition);
    Position snapshot = checkpoint.get(snapshotPartition);
    ResumeToken streamToken = stream == null || stream.token().isEmpty() ? null : ResumeToken.parse(stream.token());
    ResumeToken snapshotToken = snapshot == null || snapshot.token().isEmpty() ? null : ResumeToken.parse(snapshot.token());
    streamSeq = stream == null ? 0 : stream.sequence();
    snapshotSeq = snapshot == null ? 0 : snapshot.sequence();
    lastKey = streamToken == null ? null : streamToken.key();
    // Replays start at a transaction's first change (see PostgresDialect), so sub-numbers restart.
    lastBase = null;
    sub = 0;
    return streamToken != null ? streamToken : snapshotToken;
  }

  /** The position of a data change, or null when it was delivered before and must be dropped. */
  Position assign(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, Struct source, boolean snapshotRead) {
    if (snapshotRead) {
      snapshotRows++;
      return new Position(snapshotPartition, ++snapshotSeq, token(sourcePartition, sourceOffset, null));
    }
    long[] base = dialect.changeKey(source, sourceOffset);
    if (Arrays.equals(base, lastBase)) {
      sub++;
    } else {
      sub = 0;
      lastBase = base;
    }
    long[] key = Arrays.copyOf(base, base.length + 1);
    key[base.length] = sub;
    if (lastKey != null && Arrays.compareUnsigned(key, lastKey) <= 0) return null;
    lastKey = key;
    OptionalLong packed = dialect.packedSequence(base);
    if (packed.isPresent()) {
      if (sub != 0) throw new IllegalStateException("two changes at one binlog position " + Arrays.toString(base));
      streamSeq = packed.getAsLong();
    } else {
      streamSeq++;
    }
    return new Position(streamPartition, streamSeq, token(sourcePartition, sourceOffset, key));
  }

  long snapshotRows() {
    return snapshotRows;
  }

  private static String token(Map<String, ?> partition, Map<String, ?> offset, long[] key) {
    return new ResumeToken(copy(partition), copy(offset), key).toJson();
  }

  private static Map<String, Object> copy(Map<String, ?> m) {
    return m == null ? Map.of() : new HashMap<>(m);
  }
}
