package io.logpro.formats.parquet;

import io.logpro.api.format.ColumnarFileFormat;
import io.logpro.api.format.ColumnarFileReader;
import io.logpro.api.format.DecodeResult;
import io.logpro.api.format.Decoder;
import io.logpro.api.format.Format;
import io.logpro.api.RawMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Parquet files read straight into Arrow. Messages are not a Parquet thing: the decoder rejects them. */
public final class ParquetFormat implements Format, ColumnarFileFormat {

  @Override
  public String type() {
    return "parquet";
  }

  @Override
  public Decoder newDecoder() {
    return new Decoder() {
      @Override
      public DecodeResult decode(List<RawMessage> messages, BufferAllocator allocator) {
        List<DecodeResult.Rejected> rejects = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
          rejects.add(new DecodeResult.Rejected(i, "parquet is a file format: single messages cannot be decoded"));
        }
        return new DecodeResult(VectorSchemaRoot.create(new Schema(List.of()), allocator), new int[0], rejects);
      }

      @Override
      public Schema schema() {
        return null;
      }
    };
  }

  @Override
  public ColumnarFileReader openColumnar(Path file, String partition, long startRow, BufferAllocator allocator, int batchRows)
      throws IOException {
    return new ParquetColumnarReader(file, partition, startRow, allocator, batchRows);
  }
}
