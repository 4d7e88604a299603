package io.logpro.formats.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.format.DecodeResult;
import io.logpro.api.format.Decoder;
import io.logpro.formats.TestData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** JSONTestSuite: accepted objects decode as databind sees them; malformed input is rejected, never crashes. */
class JsonTestSuiteTest {
  static final Path DIR = TestData.path("JSONTestSuite/test_parsing");
  static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<Path> files(String prefix) throws Exception {
    return Files.list(DIR).filter(p -> p.getFileName().toString().startsWith(prefix)).sorted();
  }

  static Object normalize(JsonNode n) {
    if (n == null || n.isNull()) return null;
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      n.properties().forEach(e -> m.put(e.getKey(), normalize(e.getValue())));
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.forEach(x -> l.add(normalize(x)));
      return l;
    }
    if (n.isNumber()) return n.asDouble();
    if (n.isBoolean()) return n.asBoolean();
    return n.asText();
  }

  static DecodeResult decodeWhole(byte[] bytes, RootAllocator alloc) {
    try (Decoder d = JsonFormatTest.format(Map.of()).newDecoder()) {
      return d.decode(List.of(RawMessage.of(bytes, Position.of("f", bytes.length))), alloc);
    }
  }

  @TestFactory
  Stream<DynamicTest> acceptedObjectsDecodeWithDatabindValues() throws Exception {
    return files("y_").flatMap(p -> {
      try {
        JsonNode expected = MAPPER.readTree(p.toFile());
        if (!expected.isObject()) return Stream.empty();
        return Stream.of(DynamicTest.dynamicTest(p.getFileName().toString(), () -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
          byte[] bytes = Files.readAllBytes(p);
          try (var alloc = new RootAllocator()) {
            DecodeResult r = decodeWhole(bytes, alloc);
            try (var root = r.root()) {
              assertThat(r.rejects()).isEmpty();
              assertThat(root.getRowCount()).isEqualTo(1);
              var out = new ByteArrayOutputStream();
              new JsonEncoder().encode(root, 0, 1, out);
              JsonNode actual = MAPPER.readTree(out.toByteArray());
              Map<?, ?> a = (Map<?, ?>) normalize(actual);
              Map<?, ?> e = (Map<?, ?>) normalize(expected);
              // A value whose types conflicted is kept as its JSON text.
              for (var k : e.keySet()) {
                Object av = a.get(k);
                Object ev = e.get(k);
                if (av instanceof String s && !(ev instanceof String)) av = normalize(MAPPER.readTree(s));
                assertThat(av).as(String.valueOf(k)).isEqualTo(ev);
              }
            }
          }
        })));
      } catch (Exception ex) {
        return Stream.empty();
      }
    });
  }

  @TestFactory
  Stream<DynamicTest> malformedFilesAreRejectedWithAReason() throws Exception {
    return files("n_").map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      byte[] bytes = Files.readAllBytes(p);
      try (var alloc = new RootAllocator()) {
        DecodeResult r = decodeWhole(bytes, alloc);
        try (var root = r.root()) {
          assertThat(root.getRowCount()).isZero();
          assertThat(r.rejects()).singleElement().extracting(DecodeResult.Rejected::error).asString().isNotBlank();
        }
      }
    })));
  }

  @TestFactory
  Stream<DynamicTest> everyFileThroughTheFileReaderNeverCrashes() throws Exception {
    JsonFormat fmt = JsonFormatTest.format(Map.of());
    return Stream.concat(files("n_"), Stream.concat(files("i_"), files("y_"))).map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
        () -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
          List<RawMessage> msgs = TestData.records(fmt, p, 0);
          try (var alloc = new RootAllocator(); Decoder d = fmt.newDecoder()) {
            DecodeResult r = d.decode(msgs, alloc);
            try (var root = r.root()) {
              assertThat(root.getRowCount() + r.rejects().size()).isEqualTo(msgs.size());
            }
          }
        })));
  }
}
