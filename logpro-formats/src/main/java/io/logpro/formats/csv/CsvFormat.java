package io.logpro.formats.csv;

import io.logpro.api.format.Decoder;
import io.logpro.api.format.Encoder;
import io.logpro.api.format.EncodingFormat;
import io.logpro.api.format.Format;
import io.logpro.api.format.RecordFileFormat;
import io.logpro.api.format.RecordFileReader;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.arrow.vector.types.pojo.Schema;

/** CSV: splits files into records, decodes records into Arrow, writes Arrow rows as CSV lines. */
public final class CsvFormat implements Format, RecordFileFormat, EncodingFormat {
  private final CsvOptions options;

  public CsvFormat(CsvOptions options) {
    this.options = options;
  }

  public CsvOptions options() {
    return options;
  }

  @Override
  public String type() {
    return "csv";
  }

  @Override
  public Decoder newDecoder() {
    return new CsvDecoder(options);
  }

  @Override
  public RecordFileReader openRecords(Path file, String partition, long startOffset) throws IOException {
    return new CsvRecordReader(file, partition, startOffset, options);
  }

  @Override
  public Encoder newEncoder(Schema schema) {
    return new CsvEncoder(schema, options);
  }
}
