package io.logpro.formats.avro;

import io.logpro.api.RawMessage;
import io.logpro.api.format.DecodeResult;
import io.logpro.api.format.Decoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes single Avro binary records (a Kafka value) with the configured writer schema. Messages
 * in Avro single-object encoding (C3 01 + schema fingerprint) are accepted when the fingerprint
 * matches. Bytes that do not decode, or are left over after the record, reject the message.
 */
final class AvroDecoder implements Decoder {
  private final org.apache.avro.Schema avro;
  private final Schema schema;
  private final GenericDatumReader<Object> datumReader;
  private final long fingerprint;
  private BinaryDecoder decoder;
  private Object reuse;

  AvroDecoder(org.apache.avro.Schema avro, Schema schema) {
    this.avro = avro;
    this.schema = schema;
    this.datumReader = new GenericDatumReader<>(avro);
    this.fingerprint = SchemaNormalization.parsingFingerprint64(avro);
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public DecodeResult decode(List<RawMessage> messages, BufferAllocator allocator) {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    try {
      AvroRows rows = new AvroRows(avro, root, messages.size());
      int[] rowToMessage = new int[messages.size()];
      List<DecodeResult.Rejected> rejects = new ArrayList<>();
      int row = 0;
      for (int m = 0; m < messages.size(); m++) {
        RawMessage msg = messages.get(m);
        byte[] b = msg.buffer();
        int off = msg.offset();
        int len = msg.length();
        if (len >= 10 && (b[off] & 0xff) == 0xC3 && b[off + 1] == 0x01) {
          long fp = 0;
          for (int i = 9; i >= 2; i--) fp = (fp << 8) | (b[off + i] & 0xff); // little-endian
          if (fp != fingerprint) {
            rejects.add(new DecodeResult.Rejected(m, "Avro single-object message has schema fingerprint "
                + Long.toHexString(fp) + ", expected " + Long.toHexString(fingerprint)));
            continue;
          }
          off += 10;
          len -= 10;
        }
        try {
          decoder = DecoderFactory.get().binaryDecoder(b, off, len, decoder);
          reuse = datumReader.read(reuse, decoder);
          if (!decoder.isEnd()) {
            rejects.add(new DecodeResult.Rejected(m, "invalid Avro record: bytes left over after the record"));
            continue;
          }
          rows.write(reuse, row);
          rowToMessage[row++] = m;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
          reuse = null;
          rejects.add(new DecodeResult.Rejected(m, "invalid Avro record: " + e));
        }
      }
      root.setRowCount(row);
      return new DecodeResult(root, Arrays.copyOf(rowToMessage, row), rejects);
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }
}
