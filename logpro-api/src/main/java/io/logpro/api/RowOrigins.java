package io.logpro.api;

import java.util.List;

/**
 * For each row of a batch, the raw message it was decoded from. Kept beside the Arrow data so
 * that a row rejected late (by validation, by a sink) still reaches the dead-letter output with
 * its original bytes. Selecting rows shares the message list and copies only an int index.
 */
public final class RowOrigins {
  private final List<RawMessage> messages;
  private final int[] rowToMessage;

  public RowOrigins(List<RawMessage> messages, int[] rowToMessage) {
    this.messages = messages;
    this.rowToMessage = rowToMessage;
  }

  /** Row i came from message i. */
  public static RowOrigins identity(List<RawMessage> messages) {
    int[] idx = new int[messages.size()];
    for (int i = 0; i < idx.length; i++) idx[i] = i;
    return new RowOrigins(messages, idx);
  }

  public RawMessage message(int row) {
    return messages.get(rowToMessage[row]);
  }

  public int size() {
    return rowToMessage.length;
  }

  /** Origins of a batch made of {@code count} rows picked from this one, in the order given. */
  public RowOrigins select(int[] rows, int count) {
    int[] idx = new int[count];
    for (int i = 0; i < count; i++) idx[i] = rowToMessage[rows[i]];
    return new RowOrigins(messages, idx);
  }
}
