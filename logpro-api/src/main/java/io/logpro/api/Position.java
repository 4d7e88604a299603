package io.logpro.api;

import java.util.Objects;

/**
 * Where a source is in one of its partitions: a Kafka offset, a replication LSN, a file byte
 * offset. Opaque to the engine except for its order: {@code sequence} orders positions within
 * one partition. By convention a position points just past the record it belongs to, so that
 * seeking to it resumes with the next record (Kafka's "next offset" rule).
 *
 * @param partition the source partition this position belongs to (topic-partition, file path)
 * @param sequence  orders positions within the partition
 * @param token     optional extra state the source needs to resume (a Debezium offset map); may be empty
 */
public record Position(String partition, long sequence, String token) {
  public Position {
    Objects.requireNonNull(partition, "partition");
    token = token == null ? "" : token;
  }

  public static Position of(String partition, long sequence) {
    return new Position(partition, sequence, "");
  }

  /** True when this position is at or past {@code other} in the same partition. */
  public boolean isAtOrAfter(Position other) {
    return partition.equals(other.partition) && sequence >= other.sequence;
  }
}
