package io.logpro.formats.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.config.MapConfig;
import io.logpro.api.format.DecodeResult;
import io.logpro.api.format.Decoder;
import io.logpro.formats.ArrowTypes;
import io.logpro.formats.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import io.logpro.api.format.FormatFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFormatTest {
  @TempDir Path dir;

  static JsonFormat format(Map<String, ?> config) {
    return (JsonFormat) new JsonFormatFactory().create(MapConfig.of(JsonFormatFactory.spec("json"), config));
  }

  Path write(String content) throws IOException {
    return Files.write(dir.resolve("f" + System.nanoTime() + ".json"), content.getBytes(StandardCharsets.UTF_8));
  }

  record Decoded(String ndjson, List<DecodeResult.Rejected> rejects, Schema schema) {}

  static Decoded decode(JsonFormat f, List<RawMessage> msgs) throws IOException {
    try (var alloc = new RootAllocator(); Decoder d = f.newDecoder()) {
      DecodeResult r = d.decode(msgs, alloc);
      try (var root = r.root()) {
        assertThat(root.getRowCount() + r.rejects().size()).isEqualTo(msgs.size());
        var out = new ByteArrayOutputStream();
        f.newEncoder(root.getSchema()).encode(root, 0, root.getRowCount(), out);
        return new Decoded(out.toString(StandardCharsets.UTF_8), r.rejects(), root.getSchema());
      }
    }
  }

  static List<RawMessage> messages(String... records) {
    return java.util.Arrays.stream(records).map(s -> RawMessage.of(s.getBytes(StandardCharsets.UTF_8), Position.of("p", 0))).toList();
  }

  @Test
  void bothTypeNamesAreRegistered() {
    assertThat(ServiceLoader.load(FormatFactory.class).stream().map(p -> p.get().type()).toList()).contains("json", "ndjson", "csv", "avro", "parquet");
  }

  @Test
  void nestedObjectsBecomeStructsAndArraysLists() throws IOException {
    Decoded d = decode(format(Map.of()), messages("{\"a\":1,\"s\":{\"x\":\"u\",\"l\":[1,2]},\"t\":[{\"k\":true}]}",
        "{\"a\":2.5,\"s\":null,\"t\":[]}"));
    assertThat(d.schema().getFields()).extracting(ArrowTypes::describe)
        .containsExactly("float64", "struct<x:string,l:list<int64>>", "list<struct<k:bool>>");
    assertThat(d.ndjson()).isEqualTo("{\"a\":1.0,\"s\":{\"x\":\"u\",\"l\":[1,2]},\"t\":[{\"k\":true}]}\n"
        + "{\"a\":2.5,\"s\":null,\"t\":[]}\n");
  }

  @Test
  void unknownKeysAreIgnored() throws IOException {
    Decoded d = decode(format(Map.of("schema", Map.of("a", "int64"))), messages("{\"a\":1,\"b\":{\"c\":[1]}}"));
    assertThat(d.ndjson()).isEqualTo("{\"a\":1}\n");
  }

  @Test
  void valueThatDoesNotFitIsRejectedWithReason() throws IOException {
    Decoded d = decode(format(Map.of("schema", Map.of("fare_amount", "float64"))),
        messages("{\"fare_amount\":1}", "{\"fare_amount\":\"abc\"}", "[1]", "{\"fare_amount\":", "{} x"));
    assertThat(d.ndjson()).isEqualTo("{\"fare_amount\":1.0}\n{\"fare_amount\":null}\n".substring(0, 20));
    assertThat(d.rejects()).extracting(DecodeResult.Rejected::messageIndex).containsExactly(1, 2, 3, 4);
    assertThat(d.rejects().get(0).error()).isEqualTo("field fare_amount: 'abc' is not a float64");
    assertThat(d.rejects().get(1).error()).isEqualTo("expected a JSON object, found an array");
    assertThat(d.rejects().get(2).error()).startsWith("invalid JSON");
  }

  @Test
  void timestampsAreInferredFromStringsAndWrittenAsIso() throws IOException {
    Decoded d = decode(format(Map.of()), messages("{\"t\":\"2024-01-01 10:00:00\",\"z\":\"2024-01-01T10:00:00+02:00\"}"));
    assertThat(d.schema().getFields()).extracting(ArrowTypes::describe).containsExactly("timestamp", "timestamptz");
    assertThat(d.ndjson()).isEqualTo("{\"t\":\"2024-01-01T10:00:00\",\"z\":\"2024-01-01T08:00:00Z\"}\n");
  }

  @Test
  void conflictingTypesBecomeStringHoldingTheJson() throws IOException {
    Decoded d = decode(format(Map.of()), messages("{\"v\":1}", "{\"v\":{\"a\":[true]}}"));
    assertThat(d.ndjson()).isEqualTo("{\"v\":\"1\"}\n{\"v\":\"{\\\"a\\\":[true]}\"}\n");
  }

  @Test
  void ndjsonFileSkipsBlankLinesAndResumes() throws IOException {
    Path f = write("{\"a\":1}\r\n\n  \n{\"a\":2}\n{\"a\":3}");
    JsonFormat fmt = format(Map.of());
    List<RawMessage> all = TestData.records(fmt, f, 0);
    assertThat(all).extracting(m -> new String(m.bytes(), StandardCharsets.UTF_8)).containsExactly("{\"a\":1}", "{\"a\":2}", "{\"a\":3}");
    assertThat(TestData.records(fmt, f, all.get(0).position().sequence()))
        .extracting(m -> new String(m.bytes(), StandardCharsets.UTF_8)).containsExactly("{\"a\":2}", "{\"a\":3}");
  }

  @Test
  void topLevelArrayFileIsSplitIntoElementsAndResumes() throws IOException {
    Path f = write("\uFEFF [ {\"a\":\"x,]}\\\"\"} ,\n {\"a\":[1,{\"b\":2}]},{}, 5 ]  ");
    JsonFormat fmt = format(Map.of());
    List<RawMessage> all = TestData.records(fmt, f, 0);
    assertThat(all).extracting(m -> new String(m.bytes(), StandardCharsets.UTF_8))
        .containsExactly("{\"a\":\"x,]}\\\"\"}", "{\"a\":[1,{\"b\":2}]}", "{}", "5");
    for (int k = 0; k < all.size(); k++) {
      assertThat(TestData.records(fmt, f, all.get(k).position().sequence())).hasSize(all.size() - k - 1);
    }
  }

  @Test
  void binaryIsBase64InBothDirections() throws IOException {
    Decoded d = decode(format(Map.of("schema", Map.of("b", "binary"))), messages("{\"b\":\"AQID\"}", "{\"b\":\"not base64!\"}"));
    assertThat(d.ndjson()).isEqualTo("{\"b\":\"AQID\"}\n");
    assertThat(d.rejects()).singleElement().extracting(DecodeResult.Rejected::error).asString().contains("is not a binary");
  }

  @Test
  void decimalsAndDatesDecodeFromNumbersAndStrings() throws IOException {
    Decoded d = decode(format(Map.of("schema", List.of(Map.of("name", "a", "type", "decimal(5,2)"), Map.of("name", "d", "type", "date")))),
        messages("{\"a\":12.5,\"d\":\"2024-02-29\"}", "{\"a\":1.234}"));
    assertThat(d.ndjson()).isEqualTo("{\"a\":12.50,\"d\":\"2024-02-29\"}\n");
    assertThat(d.rejects()).singleElement().extracting(DecodeResult.Rejected::error).isEqualTo("field a: 1.234 is not a decimal(5,2)");
  }

  @Test
  void samplesOfADeclaredSchemaDecodeExceptEveryFiftiethWhichIsCutShort() throws IOException {
    Map<String, String> schema = new java.util.LinkedHashMap<>();
    for (String type : List.of("int32", "int64", "float64", "string", "bool", "date", "time", "timestamp", "timestamptz", "decimal(10,2)")) {
      schema.put("c_" + type.replaceAll("\\W", "_"), type);
    }
    JsonFormat f = format(Map.of("schema", schema));
    List<RawMessage> samples;
    try (Decoder d = f.newDecoder()) {
      samples = d.sample(500);
    }
    try (var alloc = new RootAllocator(); Decoder d = f.newDecoder()) {
      DecodeResult r = d.decode(samples, alloc);
      try (var root = r.root()) {
        assertThat(r.rejects()).hasSize(10).allSatisfy(rej -> assertThat(rej.messageIndex() % 50).isEqualTo(49));
        assertThat(root.getRowCount()).isEqualTo(490);
        for (var v : root.getFieldVectors()) {
          assertThat(v.getNullCount()).as(v.getName() + " has some nulls").isBetween(1, 60);
        }
      }
    }
  }

  @Test
  void noSamplesWhileTheSchemaIsStillToBeInferred() {
    try (Decoder d = format(Map.of()).newDecoder()) {
      assertThat(d.sample(100)).isEmpty();
    }
  }
}
