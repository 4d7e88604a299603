package io.logpro.formats.avro;

import io.logpro.api.format.ColumnarFileFormat;
import io.logpro.api.format.ColumnarFileReader;
import io.logpro.api.format.Decoder;
import io.logpro.api.format.Format;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/** Avro: container files read into Arrow, and single binary records decoded with a configured schema. */
public final class AvroFormat implements Format, ColumnarFileFormat, io.logpro.api.format.EncodingFormat {
  private final org.apache.avro.Schema avro;
  private final Schema schema;

  /** @param avro the writer schema for single messages, or null when only files are read */
  AvroFormat(org.apache.avro.Schema avro, Schema schema) {
    this.avro = avro;
    this.schema = schema;
  }

  @Override
  public String type() {
    return "avro";
  }

  @Override
  public Decoder newDecoder() {
    if (avro == null) throw new IllegalStateException("the avro format needs a schema to decode messages");
    return new AvroDecoder(avro, schema);
  }

  /** Binary records with the configured schema, or one derived from the rows when none is configured. */
  @Override
  public io.logpro.api.format.Encoder newEncoder(Schema rows) {
    return new AvroEncoder(rows, avro);
  }

  @Override
  public ColumnarFileReader openColumnar(Path file, String partition, long startRow, BufferAllocator allocator, int batchRows)
      throws IOException {
    return new AvroColumnarReader(file, partition, startRow, allocator, batchRows);
  }
}
