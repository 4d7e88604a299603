package io.logpro.api.format;

import io.logpro.api.source.SourceChunk;
import java.io.Closeable;
import java.io.IOException;

/** Reads one columnar file batch by batch. Row positions are {@code Position(partition, row index + 1)}. */
public interface ColumnarFileReader extends Closeable {
  /** The next batch, or null at the end of the file. */
  SourceChunk.Columnar read() throws IOException;
}
