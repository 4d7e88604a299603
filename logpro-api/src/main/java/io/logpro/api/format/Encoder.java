package io.logpro.api.format;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Writes Arrow rows as bytes of a format (NDJSON lines, CSV rows, Avro records). */
public interface Encoder {
  /** Writes rows {@code [from, to)} of {@code root}, each a complete record (a line for NDJSON and CSV). */
  void encode(VectorSchemaRoot root, int from, int to, OutputStream out) throws IOException;

  /** Writes one row as one self-contained message (a Kafka value). */
  default byte[] encodeRow(VectorSchemaRoot root, int row) throws IOException {
    var out = new java.io.ByteArrayOutputStream(256);
    encode(root, row, row + 1, out);
    return out.toByteArray();
  }
}
