package io.logpro.api;

import java.util.Arrays;
import java.util.Map;

/**
 * One record as a source delivers it: bytes plus metadata. The bytes are a slice of
 * {@code buffer} so that a source can hand out many records of one read buffer without
 * copying; nobody may modify the buffer after the message is created.
 *
 * @param buffer        holds the record's bytes
 * @param offset        where the record starts in {@code buffer}
 * @param length        how many bytes it has
 * @param key           the record's key (a Kafka key), or null
 * @param headers       metadata headers (Kafka headers), never null
 * @param timestampMs   event or source time in epoch milliseconds, or {@link #NO_TIMESTAMP}
 * @param position      where a reader resumes after this record
 * @param formatContext per-stream state the format's decoder needs (a CSV file's header), or null
 */
public record RawMessage(
    byte[] buffer,
    int offset,
    int length,
    byte[] key,
    Map<String, byte[]> headers,
    long timestampMs,
    Position position,
    Object formatContext) {

  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  public RawMessage {
    headers = headers == null ? Map.of() : headers;
  }

  /** A message holding all of {@code bytes}, with no key, headers or timestamp. */
  public static RawMessage of(byte[] bytes, Position position) {
    return new RawMessage(bytes, 0, bytes.length, null, Map.of(), NO_TIMESTAMP, position, null);
  }

  /** A copy of the record's bytes. */
  public byte[] bytes() {
    return offset == 0 && length == buffer.length ? buffer.clone() : Arrays.copyOfRange(buffer, offset, offset + length);
  }
}
