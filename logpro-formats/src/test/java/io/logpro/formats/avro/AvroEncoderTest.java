package io.logpro.formats.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.config.MapConfig;
import io.logpro.api.format.DecodeResult;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

class AvroEncoderTest {
  private static final Schema ROWS = new Schema(List.of(
      Field.nullable("id", new ArrowType.Int(64, true)),
      Field.nullable("fare", new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE)),
      Field.nullable("name", ArrowType.Utf8.INSTANCE),
      Field.nullable("at", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null))));

  private static VectorSchemaRoot rows(RootAllocator a) {
    VectorSchemaRoot root = VectorSchemaRoot.create(ROWS, a);
    root.allocateNew();
    ((BigIntVector) root.getVector("id")).setSafe(0, 7);
    ((Float8Vector) root.getVector("fare")).setSafe(0, 12.5);
    ((VarCharVector) root.getVector("name")).setSafe(0, "ann".getBytes());
    ((TimeStampMicroVector) root.getVector("at")).setSafe(0, 1_700_000_000_000_000L);
    ((BigIntVector) root.getVector("id")).setSafe(1, 8);
    root.setRowCount(2);
    return root;
  }

  @Test
  void aDerivedSchemaWritesRecordsThatAvroReadsBack() throws Exception {
    try (var a = new RootAllocator(); VectorSchemaRoot root = rows(a)) {
      AvroEncoder e = new AvroEncoder(ROWS, null);
      byte[] bytes = e.encodeRow(root, 0);
      GenericRecord r = new GenericDatumReader<GenericRecord>(e.schema()).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
      assertThat(r.get("id")).isEqualTo(7L);
      assertThat(r.get("fare")).isEqualTo(12.5);
      assertThat(r.get("name").toString()).isEqualTo("ann");
      assertThat(r.get("at")).isEqualTo(1_700_000_000_000_000L);
      GenericRecord second = new GenericDatumReader<GenericRecord>(e.schema()).read(null, DecoderFactory.get().binaryDecoder(e.encodeRow(root, 1), null));
      assertThat(second.get("name")).isNull();
    }
  }

  @Test
  void recordsWrittenWithTheConfiguredSchemaDecodeBackToTheSameRows() throws Exception {
    String schema = AvroEncoder.derive(ROWS).toString();
    AvroFormat format = (AvroFormat) new AvroFormatFactory().create(MapConfig.of(new AvroFormatFactory().spec(), Map.of("schema", schema)));
    try (var a = new RootAllocator(); VectorSchemaRoot root = rows(a); var decoder = format.newDecoder()) {
      var enc = format.newEncoder(ROWS);
      List<RawMessage> msgs = List.of(RawMessage.of(enc.encodeRow(root, 0), Position.of("p", 1)), RawMessage.of(enc.encodeRow(root, 1), Position.of("p", 2)));
      DecodeResult back = decoder.decode(msgs, a);
      try (VectorSchemaRoot out = back.root()) {
        assertThat(back.rejects()).isEmpty();
        assertThat(out.getRowCount()).isEqualTo(2);
        assertThat(out.getVector("fare").getObject(0)).isEqualTo(12.5);
        assertThat(out.getVector("name").getObject(0).toString()).isEqualTo("ann");
      }
    }
  }
}
