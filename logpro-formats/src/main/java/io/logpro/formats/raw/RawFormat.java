package io.logpro.formats.raw;

import io.logpro.api.RawMessage;
import io.logpro.api.format.DecodeResult;
import io.logpro.api.format.Decoder;
import io.logpro.api.format.EncodingFormat;
import io.logpro.api.format.Encoder;
import io.logpro.api.format.Format;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Messages as they are: one column holding each message's bytes (binary), or its text (utf8,
 * where a message that is not valid UTF-8 is rejected). Writing takes that column back out.
 */
public final class RawFormat implements Format, EncodingFormat {
  private final String column;
  private final boolean text;
  private final Schema schema;

  RawFormat(String column, boolean text) {
    this.column = column;
    this.text = text;
    this.schema = new Schema(List.of(Field.nullable(column, text ? ArrowType.Utf8.INSTANCE : ArrowType.Binary.INSTANCE)));
  }

  @Override
  public String type() {
    return "raw";
  }

  @Override
  public Decoder newDecoder() {
    return new Decoder() {
      @Override
      public DecodeResult decode(List<RawMessage> messages, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        try {
          BaseVariableWidthVector v = (BaseVariableWidthVector) root.getVector(0);
          long bytes = 0;
          for (RawMessage m : messages) bytes += m.length();
          v.allocateNew(Math.max(bytes, 1), messages.size());
          int[] rows = new int[messages.size()];
          List<DecodeResult.Rejected> rejects = new ArrayList<>();
          int row = 0;
          for (int i = 0; i < messages.size(); i++) {
            RawMessage m = messages.get(i);
            if (text && !isUtf8(m)) {
              rejects.add(new DecodeResult.Rejected(i, "not valid UTF-8 text"));
              continue;
            }
            v.setSafe(row, m.buffer(), m.offset(), m.length());
            rows[row++] = i;
          }
          root.setRowCount(row);
          return new DecodeResult(root, java.util.Arrays.copyOf(rows, row), rejects);
        } catch (RuntimeException e) {
          root.close();
          throw e;
        }
      }

      @Override
      public Schema schema() {
        return schema;
      }
    };
  }

  private static boolean isUtf8(RawMessage m) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(m.buffer(), m.offset(), m.length()));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Override
  public Encoder newEncoder(Schema input) {
    if (input.getFields().stream().noneMatch(f -> f.getName().equals(column))) {
      throw new IllegalArgumentException("the raw format writes column '" + column + "', which the rows do not have (columns: "
          + input.getFields().stream().map(Field::getName).toList() + ")");
    }
    return new Encoder() {
      @Override
      public void encode(VectorSchemaRoot root, int from, int to, java.io.OutputStream out) throws java.io.IOException {
        for (int r = from; r < to; r++) {
          out.write(encodeRow(root, r));
          out.write('\n');
        }
      }

      @Override
      public byte[] encodeRow(VectorSchemaRoot root, int row) {
        FieldVector v = root.getVector(column);
        if (v.isNull(row)) return new byte[0];
        if (v instanceof VarBinaryVector b) return b.get(row);
        if (v instanceof VarCharVector c) return c.get(row);
        return String.valueOf(v.getObject(row)).getBytes(StandardCharsets.UTF_8);
      }
    };
  }
}
