package io.logpro.core.testing;

import io.logpro.api.RawMessage;
import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.format.DecodeResult;
import io.logpro.api.format.Decoder;
import io.logpro.api.format.EncodingFormat;
import io.logpro.api.format.Encoder;
import io.logpro.api.format.Format;
import io.logpro.api.format.FormatFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** Test format "number": each message is one integer in a column "value"; writes any row as its toString. */
public final class NumberFormat implements Format, EncodingFormat {
  public static final Schema SCHEMA = new Schema(List.of(Field.nullable("value", new ArrowType.Int(64, true))));

  @Override
  public String type() {
    return "number";
  }

  @Override
  public Decoder newDecoder() {
    return new Decoder() {
      @Override
      public DecodeResult decode(List<RawMessage> messages, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        BigIntVector v = (BigIntVector) root.getVector(0);
        v.allocateNew(messages.size());
        int[] map = new int[messages.size()];
        List<DecodeResult.Rejected> rejects = new ArrayList<>();
        int row = 0;
        for (int i = 0; i < messages.size(); i++) {
          String s = new String(messages.get(i).bytes(), StandardCharsets.UTF_8);
          try {
            v.set(row, Long.parseLong(s));
            map[row++] = i;
          } catch (NumberFormatException e) {
            rejects.add(new DecodeResult.Rejected(i, "not a number: '" + s + "'"));
          }
        }
        root.setRowCount(row);
        return new DecodeResult(root, java.util.Arrays.copyOf(map, row), rejects);
      }

      @Override
      public Schema schema() {
        return SCHEMA;
      }

      /** 1..count, every 10th not a number. */
      @Override
      public List<RawMessage> sample(int count) {
        List<RawMessage> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) out.add(RawMessage.of((i % 10 == 0 ? "x" + i : Long.toString(i)).getBytes(StandardCharsets.UTF_8), null));
        return out;
      }
    };
  }

  @Override
  public Encoder newEncoder(Schema schema) {
    return (root, from, to, out) -> {
      for (int r = from; r < to; r++) {
        StringBuilder sb = new StringBuilder();
        for (FieldVector fv : root.getFieldVectors()) {
          if (sb.length() > 0) sb.append('|');
          Object o = fv.getObject(r);
          sb.append(o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o));
        }
        out.write(sb.append('\n').toString().getBytes(StandardCharsets.UTF_8));
      }
    };
  }

  public static final class Factory implements FormatFactory {
    @Override
    public ConfigSpec spec() {
      return ConfigSpec.builder("number", "Test format.").build();
    }

    @Override
    public Format create(Config config) {
      return new NumberFormat();
    }
  }
}
