package io.logpro.formats.avro;

import io.logpro.api.Position;
import io.logpro.api.format.ColumnarFileReader;
import io.logpro.api.source.SourceChunk;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableFileInput;
import org.apache.avro.generic.GenericDatumReader;

/** Reads an Avro object container file with GenericDatumReader into Arrow batches. */
final class AvroColumnarReader implements ColumnarFileReader {
  private final Path file;
  private final String partition;
  private final BufferAllocator allocator;
  private final int batchRows;
  private final DataFileReader<Object> reader;
  private final org.apache.avro.Schema avro;
  private final Schema schema;
  private long nextRow;
  private Object reuse;

  AvroColumnarReader(Path file, String partition, long startRow, BufferAllocator allocator, int batchRows) throws IOException {
    this.file = file;
    this.partition = partition;
    this.allocator = allocator;
    this.batchRows = Math.max(1, batchRows);
    try {
      reader = new DataFileReader<>(new SeekableFileInput(file.toFile()), new GenericDatumReader<>());
    } catch (IOException | RuntimeException e) {
      throw new IOException("not an Avro container file or truncated: " + file + ": " + e.getMessage(), e);
    }
    try {
      avro = reader.getSchema();
      schema = AvroSchemas.toArrow(avro);
      while (nextRow < startRow && reader.hasNext()) {
        reuse = reader.next(reuse);
        nextRow++;
      }
    } catch (AvroSchemas.UnsupportedTypeException e) {
      reader.close();
      throw new AvroSchemas.UnsupportedTypeException(e.getMessage() + " of " + file);
    } catch (IOException | RuntimeException e) {
      reader.close();
      throw new IOException("cannot read Avro file " + file + ": " + e, e);
    }
  }

  Schema schema() {
    return schema;
  }

  @Override
  public SourceChunk.Columnar read() throws IOException {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    try {
      AvroRows rows = new AvroRows(avro, root, batchRows);
      int n = 0;
      while (n < batchRows && reader.hasNext()) {
        reuse = reader.next(reuse);
        rows.write(reuse, n++);
      }
      if (n < batchRows) checkComplete();
      if (n == 0) {
        root.close();
        return null;
      }
      root.setRowCount(n);
      Position[] positions = new Position[n];
      for (int i = 0; i < n; i++) positions[i] = Position.of(partition, nextRow + i + 1);
      nextRow += n;
      return new SourceChunk.Columnar(root, positions);
    } catch (IOException e) {
      root.close();
      throw e;
    } catch (RuntimeException | OutOfMemoryError e) {
      root.close();
      throw new IOException("cannot read Avro file " + file + " at row " + nextRow + ": " + e, e);
    }
  }

  /**
   * Avro's reader treats an end of file inside a block as the end of the data; a file that goes
   * on past the last complete block is truncated, and must not pass as complete.
   */
  private void checkComplete() throws IOException {
    long size = java.nio.file.Files.size(file);
    long lastBlockEnd = reader.previousSync();
    if (lastBlockEnd < size) {
      throw new IOException("truncated Avro file " + file + ": " + (size - lastBlockEnd)
          + " bytes after the last complete block (at byte " + lastBlockEnd + ")");
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
