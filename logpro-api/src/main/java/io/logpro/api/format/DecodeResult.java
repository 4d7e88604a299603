package io.logpro.api.format;

import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * @param root         the decoded rows; owned by the caller
 * @param rowToMessage for each row, the index of the message it came from
 * @param rejects      messages that could not be decoded, with the reason
 */
public record DecodeResult(VectorSchemaRoot root, int[] rowToMessage, List<Rejected> rejects) {

  /** @param messageIndex index into the decoded message list */
  public record Rejected(int messageIndex, String error) {}
}
