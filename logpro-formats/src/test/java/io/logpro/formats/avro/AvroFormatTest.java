package io.logpro.formats.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.config.MapConfig;
import io.logpro.api.format.ColumnarFileReader;
import io.logpro.api.format.DecodeResult;
import io.logpro.api.format.Decoder;
import io.logpro.api.source.SourceChunk;
import io.logpro.formats.TestData;
import io.logpro.formats.parquet.ParquetReference;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class AvroFormatTest {
  @TempDir Path dir;

  static AvroFormat format(Map<String, ?> config) {
    return (AvroFormat) new AvroFormatFactory().create(MapConfig.of(AvroFormatFactory.SPEC, config));
  }

  static List<Map<String, Object>> readAll(Path file, long start, int batch, BufferAllocator alloc) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (ColumnarFileReader r = format(Map.of()).openColumnar(file, "p", start, alloc, batch)) {
      SourceChunk.Columnar c;
      while ((c = r.read()) != null) {
        try (var root = c.root()) {
          for (int i = 0; i < root.getRowCount(); i++) {
            assertThat(c.rowPositions()[i].sequence()).isEqualTo(start + rows.size() + 1);
            rows.add(ParquetReference.arrowRow(root.getFieldVectors(), i));
          }
        }
      }
    }
    return rows;
  }

  /** GenericDatumReader's records, normalised like the Arrow rows. */
  static List<Map<String, Object>> reference(Path file) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (var r = new DataFileReader<Object>(file.toFile(), new GenericDatumReader<>())) {
      org.apache.avro.Schema s = r.getSchema();
      for (Object o : r) {
        if (s.getType() == org.apache.avro.Schema.Type.RECORD) {
          @SuppressWarnings("unchecked")
          Map<String, Object> m = (Map<String, Object>) normalize(o, s);
          rows.add(m);
        } else {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("value", normalize(o, s));
          rows.add(m);
        }
      }
    }
    return rows;
  }

  static Object normalize(Object v, org.apache.avro.Schema s) {
    if (v == null) return null;
    if (s.getType() == org.apache.avro.Schema.Type.UNION) {
      org.apache.avro.Schema taken = s.getTypes().get(GenericData.get().resolveUnion(s, v));
      long nonNull = s.getTypes().stream().filter(b -> b.getType() != org.apache.avro.Schema.Type.NULL).count();
      if (nonNull > 1) { // several types: a struct with the taken branch set
        Map<String, Object> m = new LinkedHashMap<>();
        for (var b : s.getTypes()) if (b.getType() != org.apache.avro.Schema.Type.NULL) m.put(b.getName(), b == taken ? normalize(v, b) : null);
        return m;
      }
      s = taken;
    }
    LogicalType lt = s.getLogicalType();
    switch (s.getType()) {
      case RECORD: {
        Map<String, Object> m = new LinkedHashMap<>();
        for (var f : s.getFields()) m.put(f.name(), normalize(((IndexedRecord) v).get(f.pos()), f.schema()));
        return m;
      }
      case ARRAY: {
        List<Object> l = new ArrayList<>();
        for (Object e : (Collection<?>) v) l.add(normalize(e, s.getElementType()));
        return l;
      }
      case MAP: {
        List<Object> l = new ArrayList<>();
        for (var e : ((Map<?, ?>) v).entrySet()) {
          Map<String, Object> kv = new LinkedHashMap<>();
          kv.put("key", e.getKey().toString());
          kv.put("value", normalize(e.getValue(), s.getValueType()));
          l.add(kv);
        }
        return l;
      }
      case INT:
        return lt instanceof LogicalTypes.TimeMillis ? ((Integer) v) * 1000L : (long) (Integer) v;
      case LONG:
        if (lt instanceof LogicalTypes.TimestampMillis || lt instanceof LogicalTypes.LocalTimestampMillis) return (Long) v * 1000;
        return v;
      case FLOAT:
        return (double) (Float) v;
      case BYTES:
      case FIXED: {
        byte[] b = v instanceof ByteBuffer bb ? bytes(bb) : ((GenericFixed) v).bytes();
        if (lt instanceof LogicalTypes.Decimal d) return new BigDecimal(new BigInteger(b), d.getScale());
        return HexFormat.of().formatHex(b);
      }
      case STRING:
      case ENUM:
        return v.toString();
      default:
        return v;
    }
  }

  static byte[] bytes(ByteBuffer bb) {
    byte[] b = new byte[bb.remaining()];
    bb.duplicate().get(b);
    return b;
  }

  @TestFactory
  Stream<DynamicTest> containerFilesReadTheSameRecordsAsGenericDatumReader() throws IOException {
    return Files.walk(TestData.path("avro/data")).filter(p -> p.toString().endsWith(".avro") || p.toString().endsWith(".avro12")).sorted()
        .map(p -> DynamicTest.dynamicTest(TestData.path("avro/data").relativize(p).toString(), () -> assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
          List<Map<String, Object>> expected;
          try {
            expected = reference(p);
          } catch (Exception e) {
            try (var alloc = new RootAllocator()) {
              assertThatThrownBy(() -> readAll(p, 0, 3, alloc)).isInstanceOf(IOException.class);
            }
            return;
          }
          try (var alloc = new RootAllocator()) {
            List<Map<String, Object>> rows = readAll(p, 0, 3, alloc);
            assertThat(rows).isEqualTo(expected);
            if (rows.size() > 1) assertThat(readAll(p, 1, 2, alloc)).isEqualTo(expected.subList(1, expected.size()));
          }
        })));
  }

  @Test
  void singleObjectEncodedMessageDecodesWithItsSchema() throws Exception {
    String schema = Files.readString(TestData.path("avro/data/messageV1/test_schema.avsc"));
    byte[] bytes = Files.readAllBytes(TestData.path("avro/data/messageV1/test_message.bin"));
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 4);
    byte[] plain = java.util.Arrays.copyOfRange(bytes, 10, bytes.length);
    byte[] trailing = java.util.Arrays.copyOf(plain, plain.length + 1);
    try (var alloc = new RootAllocator(); Decoder d = format(Map.of("schema", schema)).newDecoder()) {
      DecodeResult r = d.decode(List.of(RawMessage.of(bytes, Position.of("t", 1)), RawMessage.of(truncated, Position.of("t", 2)),
          RawMessage.of(plain, Position.of("t", 3)), RawMessage.of(trailing, Position.of("t", 4))), alloc);
      try (var root = r.root()) {
        assertThat(r.rowToMessage()).containsExactly(0, 2);
        assertThat(ParquetReference.arrowRow(root.getFieldVectors(), 0))
            .isEqualTo(Map.of("id", 42L, "name", "Bill", "tags", List.of("dog_lover", "cat_hater")));
        assertThat(r.rejects()).extracting(DecodeResult.Rejected::messageIndex).containsExactly(1, 3);
        assertThat(r.rejects()).allSatisfy(x -> assertThat(x.error()).startsWith("invalid Avro record"));
      }
    }
  }

  @Test
  void notAnAvroFileFailsWithAClearError() throws IOException {
    Path p = Files.writeString(dir.resolve("x.avro"), "hello, not avro");
    try (var alloc = new RootAllocator()) {
      assertThatThrownBy(() -> readAll(p, 0, 10, alloc)).isInstanceOf(IOException.class)
          .hasMessageStartingWith("not an Avro container file or truncated: " + p);
    }
  }

  @Test
  void truncatedAvroFileFailsWithAClearError() throws IOException {
    byte[] b = Files.readAllBytes(TestData.path("avro/data/weather.avro"));
    Path p = Files.write(dir.resolve("t.avro"), java.util.Arrays.copyOf(b, b.length - 20));
    try (var alloc = new RootAllocator()) {
      assertThatThrownBy(() -> readAll(p, 0, 10, alloc)).isInstanceOf(IOException.class).hasMessageContaining(p.toString());
    }
  }
}
