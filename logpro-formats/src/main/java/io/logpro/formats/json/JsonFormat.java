package io.logpro.formats.json;

import io.logpro.api.format.Decoder;
import io.logpro.api.format.Encoder;
import io.logpro.api.format.EncodingFormat;
import io.logpro.api.format.Format;
import io.logpro.api.format.RecordFileFormat;
import io.logpro.api.format.RecordFileReader;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.arrow.vector.types.pojo.Schema;

/** JSON/NDJSON: splits files into object records, decodes them into Arrow, writes NDJSON lines. */
public final class JsonFormat implements Format, RecordFileFormat, EncodingFormat {
  private final String type;
  private final Schema schema;
  private final int inferRows;

  public JsonFormat(String type, Schema schema, int inferRows) {
    this.type = type;
    this.schema = schema;
    this.inferRows = inferRows;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public Decoder newDecoder() {
    return new JsonDecoder(schema, inferRows);
  }

  @Override
  public RecordFileReader openRecords(Path file, String partition, long startOffset) throws IOException {
    return new JsonRecordReader(file, partition, startOffset);
  }

  @Override
  public Encoder newEncoder(Schema schema) {
    return new JsonEncoder();
  }
}
