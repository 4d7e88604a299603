package io.logpro.api.format;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;

/** A format whose files carry their own schema and are read straight into Arrow (Parquet, Avro). */
public interface ColumnarFileFormat {
  /**
   * Opens {@code file} to read from row {@code startRow} (0, or a position handed out earlier).
   * A file that is not of this format, or truncated, fails here or on read with a clear
   * {@link IOException}, never a hang or partial garbage.
   */
  ColumnarFileReader openColumnar(Path file, String partition, long startRow, BufferAllocator allocator, int batchRows)
      throws IOException;
}
