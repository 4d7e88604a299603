package io.logpro.formats.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.RawMessage;
import io.logpro.api.config.ConfigException;
import io.logpro.api.config.MapConfig;
import io.logpro.api.format.DecodeResult;
import io.logpro.api.format.Decoder;
import io.logpro.formats.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFormatTest {
  @TempDir Path dir;

  static CsvFormat format(Map<String, ?> config) {
    return (CsvFormat) new CsvFormatFactory().create(MapConfig.of(CsvFormatFactory.SPEC, config));
  }

  Path write(String content) throws IOException {
    return Files.write(dir.resolve("f" + System.nanoTime() + ".csv"), content.getBytes(StandardCharsets.UTF_8));
  }

  record Decoded(List<List<String>> rows, List<DecodeResult.Rejected> rejects, Schema schema) {}

  static Decoded decode(CsvFormat f, Path file, long offset) throws IOException {
    List<RawMessage> msgs = TestData.records(f, file, offset);
    try (var alloc = new RootAllocator(); Decoder d = f.newDecoder()) {
      DecodeResult r = d.decode(msgs, alloc);
      try (var root = r.root()) {
        assertThat(r.root().getRowCount() + r.rejects().size()).isEqualTo(msgs.size());
        return new Decoded(TestData.rows(root), r.rejects(), root.getSchema());
      }
    }
  }

  @Test
  void bomIsSkippedBeforeHeader() throws IOException {
    Path f = write("\uFEFFa,b\n1,x\n");
    Decoded d = decode(format(Map.of()), f, 0);
    assertThat(d.schema().getFields().get(0).getName()).isEqualTo("a");
    assertThat(d.rows()).containsExactly(List.of("1", "x"));
  }

  @Test
  void crlfLineEndingsAreStripped() throws IOException {
    Decoded d = decode(format(Map.of()), write("a,b\r\n1,x\r\n2,y\r\n"), 0);
    assertThat(d.rows()).containsExactly(List.of("1", "x"), List.of("2", "y"));
  }

  @Test
  void quotedFieldKeepsEmbeddedNewlineDelimiterAndQuote() throws IOException {
    Decoded d = decode(format(Map.of()), write("a,b\n\"x\ny, \"\"z\"\"\",2\n"), 0);
    assertThat(d.rows()).containsExactly(List.of("x\ny, \"z\"", "2"));
  }

  @Test
  void lastLineWithoutNewlineIsRead() throws IOException {
    Decoded d = decode(format(Map.of()), write("a\n1\n2"), 0);
    assertThat(d.rows()).containsExactly(List.of("1"), List.of("2"));
  }

  @Test
  void blankLinesAreSkipped() throws IOException {
    Decoded d = decode(format(Map.of()), write("a\n\n1\r\n\r\n2\n\n"), 0);
    assertThat(d.rows()).containsExactly(List.of("1"), List.of("2"));
  }

  @Test
  void headerOffNamesColumnsFromConfig() throws IOException {
    Decoded d = decode(format(Map.of("header", false, "columns", List.of("x", "y"))), write("1,2\n3,4\n"), 0);
    assertThat(d.schema().getFields()).extracting(fl -> fl.getName()).containsExactly("x", "y");
    assertThat(d.rows()).containsExactly(List.of("1", "2"), List.of("3", "4"));
  }

  @Test
  void headerOffWithoutColumnsNumbersThem() throws IOException {
    Decoded d = decode(format(Map.of("header", false)), write("1,2\n"), 0);
    assertThat(d.schema().getFields()).extracting(fl -> fl.getName()).containsExactly("column_1", "column_2");
  }

  @Test
  void otherDelimiterSplitsFields() throws IOException {
    Decoded d = decode(format(Map.of("delimiter", ";")), write("a;b\n1,5;\"x;y\"\n"), 0);
    assertThat(d.rows()).containsExactly(List.of("1,5", "x;y"));
  }

  @Test
  void resumingAtAPositionYieldsExactlyTheRemainingRecords() throws IOException {
    StringBuilder sb = new StringBuilder("id,text\r\n");
    for (int i = 0; i < 50; i++) sb.append(i).append(",\"line\n").append(i).append("\"\r\n");
    Path f = write(sb.toString());
    CsvFormat fmt = format(Map.of());
    List<RawMessage> all = TestData.records(fmt, f, 0);
    assertThat(all).hasSize(50);
    for (int k : new int[] {0, 1, 17, 48, 49}) {
      long offset = all.get(k).position().sequence();
      List<RawMessage> rest = TestData.records(fmt, f, offset);
      assertThat(rest).hasSize(49 - k);
      if (!rest.isEmpty()) {
        assertThat(rest.get(0).bytes()).isEqualTo(all.get(k + 1).bytes());
        Decoded d = decode(fmt, f, offset);
        assertThat(d.schema().getFields().get(0).getName()).isEqualTo("id");
        assertThat(d.rows().get(0)).containsExactly(String.valueOf(k + 1), "line\n" + (k + 1));
      }
    }
  }

  @Test
  void wrongFieldCountIsRejectedWithLine() throws IOException {
    Decoded d = decode(format(Map.of()), write("a,b,c\n1,2,3\n4,5\n6,7,8\n"), 0);
    assertThat(d.rows()).hasSize(2);
    assertThat(d.rejects()).singleElement().satisfies(r -> {
      assertThat(r.messageIndex()).isEqualTo(1);
      assertThat(r.error()).isEqualTo("line 3: expected 3 fields, found 2");
    });
  }

  @Test
  void valueThatDoesNotFitIsRejectedNamingColumnAndType() throws IOException {
    Decoded d = decode(format(Map.of("schema", Map.of("fare_amount", "float64"))), write("fare_amount\n1.5\nabc\n2\n"), 0);
    assertThat(d.rows()).containsExactly(List.of("1.5"), List.of("2.0"));
    assertThat(d.rejects()).singleElement().extracting(DecodeResult.Rejected::error)
        .isEqualTo("line 3: column fare_amount: 'abc' is not a float64");
  }

  @Test
  void rejectOfRecordSpanningLinesSaysSo() throws IOException {
    Decoded d = decode(format(Map.of("schema", List.of(Map.of("name", "n", "type", "int64"), Map.of("name", "t", "type", "string")))), write("n,t\n1,x\nq,\"a\nb\"\n"), 0);
    assertThat(d.rejects()).singleElement().extracting(DecodeResult.Rejected::error)
        .isEqualTo("lines 3-4 (one record spans lines): column n: 'q' is not a int64");
  }

  @Test
  void unterminatedQuoteIsRejected() throws IOException {
    Decoded d = decode(format(Map.of()), write("a,b\n1,2\n3,\"x\n"), 0);
    assertThat(d.rows()).hasSize(1);
    assertThat(d.rejects()).singleElement().extracting(DecodeResult.Rejected::error).asString()
        .contains("unterminated quoted field");
  }

  @Test
  void inferenceWidensIntsWithFloatsAndConflictsToString() throws IOException {
    Decoded d = decode(format(Map.of()), write("i,f,b,t,s,n\n1,1,true,2024-01-01 10:00:00,1,\n2,2.5,f,2024-01-02T00:00:00,x,\n"), 0);
    assertThat(d.schema().getFields()).extracting(fl -> io.logpro.formats.ArrowTypes.toString(fl.getType()))
        .containsExactly("int64", "float64", "bool", "timestamp", "string", "string");
  }

  @Test
  void explicitSchemaAsListWithNullableFalse() {
    CsvFormat f = format(Map.of("schema", List.of(Map.of("name", "a", "type", "int32", "nullable", false))));
    assertThat(f.options().schema().getFields().get(0).isNullable()).isFalse();
  }

  @Test
  void badTypeInSchemaIsAConfigError() {
    assertThatThrownBy(() -> format(Map.of("schema", Map.of("a", "int99"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("column a: expected one of");
  }

  @Test
  void encoderRoundTripsQuotedValues() throws IOException {
    Path f = write("a,b\n\"x,\"\"y\"\"\n\",1\n,2\n");
    CsvFormat fmt = format(Map.of("schema", List.of(Map.of("name", "a", "type", "string"), Map.of("name", "b", "type", "int64"))));
    List<RawMessage> msgs = TestData.records(fmt, f, 0);
    try (var alloc = new RootAllocator(); Decoder d = fmt.newDecoder()) {
      DecodeResult r = d.decode(msgs, alloc);
      try (var root = r.root()) {
        var out = new ByteArrayOutputStream();
        CsvEncoder enc = (CsvEncoder) fmt.newEncoder(root.getSchema());
        enc.writeHeader(out);
        enc.encode(root, 0, root.getRowCount(), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a,b\n\"x,\"\"y\"\"\n\",1\n,2\n");
      }
    }
  }

  @Test
  void customTimestampFormatIsUsed() throws IOException {
    Decoded d = decode(format(Map.of("timestamp_format", "dd/MM/yyyy HH:mm", "schema", Map.of("t", "timestamp"))),
        write("t\n25/12/2024 18:30\n2024-12-25 18:30:00\n"), 0);
    assertThat(d.rows()).containsExactly(List.of("2024-12-25T18:30:00"));
    assertThat(d.rejects()).singleElement().extracting(DecodeResult.Rejected::error).asString().contains("is not a timestamp");
  }

  @Test
  void nullValuesAreConfigurableAndQuotedEmptyStaysAString() throws IOException {
    Decoded d = decode(format(Map.of("null_values", List.of("", "NA"), "schema",
        List.of(Map.of("name", "n", "type", "int64"), Map.of("name", "s", "type", "string")))), write("n,s\nNA,\"\"\n,NA\n"), 0);
    assertThat(d.rows()).containsExactly(java.util.Arrays.asList(null, ""), java.util.Arrays.asList(null, null));
  }

  @Test
  void invalidUtf8InAStringColumnIsRejected() throws IOException {
    Path f = dir.resolve("bad.csv");
    Files.write(f, new byte[] {'s', '\n', 'o', 'k', '\n', (byte) 0xC3, 0x28, '\n'});
    Decoded d = decode(format(Map.of("schema", Map.of("s", "string"))), f, 0);
    assertThat(d.rows()).containsExactly(List.of("ok"));
    assertThat(d.rejects()).singleElement().extracting(DecodeResult.Rejected::error).isEqualTo("line 3: column s: invalid UTF-8");
  }
}
