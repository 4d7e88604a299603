package io.logpro.formats.parquet;

import io.logpro.api.Position;
import io.logpro.api.format.ColumnarFileReader;
import io.logpro.api.source.SourceChunk;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * Reads a Parquet file row group by row group through parquet-hadoop's record assembly, with
 * converters that write into Arrow vectors; emits batches of up to batchRows rows. The file is
 * opened through java.nio (LocalInputFile), so no Hadoop FileSystem is involved.
 */
final class ParquetColumnarReader implements ColumnarFileReader {
  private final Path file;
  private final String partition;
  private final BufferAllocator allocator;
  private final int batchRows;
  private final ParquetFileReader reader;
  private final Schema schema;
  private final MessageColumnIO columnIO;
  private final ArrowConverters.Root rootConverter;
  private final RecordMaterializer<Object> materializer;

  private RecordReader<Object> records;
  private long leftInGroup;
  private long nextRow; // file row index of the next row to read

  ParquetColumnarReader(Path file, String partition, long startRow, BufferAllocator allocator, int batchRows) throws IOException {
    this.file = file;
    this.partition = partition;
    this.allocator = allocator;
    this.batchRows = Math.max(1, batchRows);
    try {
      // Page CRCs are checked when the writer stored them, so corrupt pages fail instead of decoding garbage.
      reader = ParquetFileReader.open(new LocalInputFile(file), ParquetReadOptions.builder().usePageChecksumVerification(true).build());
    } catch (IOException | RuntimeException e) {
      throw new IOException("not a Parquet file or truncated: " + file + ": " + brief(e.getMessage()), e);
    }
    try {
      MessageType message = reader.getFooter().getFileMetaData().getSchema();
      schema = ParquetSchemas.toArrow(message);
      columnIO = new ColumnIOFactory().getColumnIO(message);
      rootConverter = new ArrowConverters.Root(message);
      materializer = new RecordMaterializer<>() {
        @Override
        public Object getCurrentRecord() {
          return null;
        }

        @Override
        public GroupConverter getRootConverter() {
          return rootConverter;
        }
      };
      skip(startRow);
    } catch (ParquetSchemas.UnsupportedTypeException e) {
      reader.close();
      throw new ParquetSchemas.UnsupportedTypeException(e.getMessage() + " of " + file);
    } catch (IOException | RuntimeException | LinkageError e) {
      reader.close();
      throw new IOException("cannot read Parquet file " + file + ": " + brief(e.toString()), e);
    }
  }

  /** Causes can quote a whole schema; the first line, cut at 300 characters, says enough. */
  static String brief(String message) {
    if (message == null) return "no detail";
    int nl = message.indexOf('\n');
    String m = nl >= 0 ? message.substring(0, nl) : message;
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }

  Schema schema() {
    return schema;
  }

  private boolean nextGroup() throws IOException {
    PageReadStore pages = reader.readNextRowGroup();
    if (pages == null) return false;
    records = columnIO.getRecordReader(pages, materializer, FilterCompat.NOOP);
    leftInGroup = pages.getRowCount();
    return true;
  }

  /** Skips whole row groups by their row counts, then single rows of the group the start lands in. */
  private void skip(long startRow) throws IOException {
    var blocks = reader.getRowGroups();
    int b = 0;
    while (nextRow < startRow && b < blocks.size() && nextRow + blocks.get(b).getRowCount() <= startRow) {
      nextRow += blocks.get(b).getRowCount();
      reader.skipNextRowGroup();
      b++;
    }
    if (nextRow >= startRow) return;
    try (VectorSchemaRoot scratch = VectorSchemaRoot.create(schema, allocator)) {
      allocate(scratch, 1);
      rootConverter.bind(scratch);
      while (nextRow < startRow) {
        if (leftInGroup == 0 && !nextGroup()) return;
        records.read();
        rootConverter.row = 0;
        leftInGroup--;
        nextRow++;
      }
    }
  }

  private static void allocate(VectorSchemaRoot root, int rows) {
    for (FieldVector v : root.getFieldVectors()) {
      v.setInitialCapacity(rows);
      v.allocateNew();
    }
  }

  @Override
  public SourceChunk.Columnar read() throws IOException {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    try {
      allocate(root, batchRows);
      rootConverter.bind(root);
      int rows = 0;
      while (rows < batchRows) {
        if (leftInGroup == 0 && !nextGroup()) break;
        int n = (int) Math.min(leftInGroup, batchRows - rows);
        for (int i = 0; i < n; i++) records.read();
        leftInGroup -= n;
        rows += n;
      }
      if (rows == 0) {
        root.close();
        return null;
      }
      if (rootConverter.row != rows) {
        throw new IllegalStateException("Parquet file " + file + ": assembled " + rootConverter.row + " rows where the row group declares " + rows);
      }
      root.setRowCount(rows);
      Position[] positions = new Position[rows];
      for (int i = 0; i < rows; i++) positions[i] = Position.of(partition, nextRow + i + 1);
      nextRow += rows;
      return new SourceChunk.Columnar(root, positions);
    } catch (IOException | RuntimeException | LinkageError | OutOfMemoryError e) {
      // Corrupt pages surface as any of these (EOFException, ParquetDecodingException, a missing codec class).
      root.close();
      throw new IOException("cannot read Parquet file " + file + " at row " + nextRow + ": " + brief(e.toString()), e);
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
