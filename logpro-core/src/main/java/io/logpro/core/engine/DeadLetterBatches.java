package io.logpro.core.engine;

import io.logpro.api.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** The dead-letter output's rows: one per rejected record, in a fixed schema every DLQ sink receives. */
public final class DeadLetterBatches {
  private DeadLetterBatches() {}

  public static final Schema SCHEMA = new Schema(List.of(
      field("pipeline", ArrowType.Utf8.INSTANCE),
      field("error", ArrowType.Utf8.INSTANCE),
      field("stage", ArrowType.Utf8.INSTANCE),
      field("time", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
      field("source", ArrowType.Utf8.INSTANCE),
      field("partition", ArrowType.Utf8.INSTANCE),
      field("sequence", new ArrowType.Int(64, true)),
      field("raw", ArrowType.Binary.INSTANCE),
      field("raw_text", ArrowType.Utf8.INSTANCE)));

  private static Field field(String name, ArrowType type) {
    return new Field(name, FieldType.nullable(type), null);
  }

  public static VectorSchemaRoot toArrow(String pipeline, List<DeadLetter> letters, BufferAllocator allocator) {
    VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
    try {
      root.allocateNew();
      VarCharVector pipe = (VarCharVector) root.getVector("pipeline");
      VarCharVector error = (VarCharVector) root.getVector("error");
      VarCharVector stage = (VarCharVector) root.getVector("stage");
      TimeStampMicroTZVector time = (TimeStampMicroTZVector) root.getVector("time");
      VarCharVector source = (VarCharVector) root.getVector("source");
      VarCharVector partition = (VarCharVector) root.getVector("partition");
      BigIntVector sequence = (BigIntVector) root.getVector("sequence");
      VarBinaryVector raw = (VarBinaryVector) root.getVector("raw");
      VarCharVector rawText = (VarCharVector) root.getVector("raw_text");
      byte[] pipeBytes = pipeline.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < letters.size(); i++) {
        DeadLetter l = letters.get(i);
        pipe.setSafe(i, pipeBytes);
        setString(error, i, l.error());
        setString(stage, i, l.stage());
        time.setSafe(i, l.time().getEpochSecond() * 1_000_000L + l.time().getNano() / 1_000);
        setString(source, i, l.source());
        if (l.position() != null) {
          partition.setSafe(i, l.position().partition().getBytes(StandardCharsets.UTF_8));
          sequence.setSafe(i, l.position().sequence());
        }
        if (l.raw() != null) {
          raw.setSafe(i, l.raw());
          if (isUtf8(l.raw())) rawText.setSafe(i, l.raw());
        }
      }
      root.setRowCount(letters.size());
      return root;
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  private static void setString(VarCharVector v, int i, String s) {
    if (s != null) v.setSafe(i, s.getBytes(StandardCharsets.UTF_8));
  }

  static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
