package io.logpro.formats.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.config.MapConfig;
import io.logpro.api.format.DecodeResult;
import io.logpro.api.format.Decoder;
import io.logpro.formats.TextParsers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** The fast path must write what the Jackson path writes and leave every reject to Jackson. */
class FlatObjectDecoderTest {
  static final List<Map<String, Object>> SCHEMA = List.of(
      Map.of("name", "l", "type", "int64"), Map.of("name", "i", "type", "int32"), Map.of("name", "d", "type", "float64"),
      Map.of("name", "f", "type", "float32"), Map.of("name", "b", "type", "bool"), Map.of("name", "t", "type", "timestamp"),
      Map.of("name", "s", "type", "string"), Map.of("name", "day", "type", "date"), Map.of("name", "m", "type", "decimal(10,2)"),
      Map.of("name", "bin", "type", "binary"));
  static final String[] KEYS = {"l", "i", "d", "f", "b", "t", "s", "day", "m", "st", "li", "bin", "extra", "\u00e9t\u00e9", "l\\u0041"};
  static final String[] VALUES = {
      "0", "-0", "7", "-12", "01", "-", "2147483647", "2147483648", "-2147483649", "999999999999999999", "1000000000000000000",
      "9223372036854775807", "9223372036854775808", "-9223372036854775808", "123456789012345678901234567890",
      "1.5", "-0.0", "0.1", "2.675", "1.", ".5", "1e3", "1E-3", "1e+400", "-1e-400", "0.30000000000000004", "123456789012345.6",
      "1.2345678901234567890123", "3.4028236e38", "1.0000000596046448", "+1", "NaN", "Infinity", "0x10", "1.5e", "1e5x",
      "true", "false", "null", "tru", "nulll", "True",
      "\"\"", "\"abc\"", "\" 12 \"", "\"12\"", "\"1.5\"", "\"true\"", "\"2024-01-02 03:04:05\"", "\"2024-01-02T03:04:05.123456Z\"",
      "\"2024-02-30 00:00:00\"", "\"2024-01-02\"", "\"AQID\"", "\"not base64!\"", "\"caf\u00e9 \u65e5\u672c \ud83d\ude00\"", "\"a\\\"b\"",
      "\"\\u00e9\"", "\"\\ud800\"", "\"tab\there\"", "\"x\\qy\"", "\"unterminated",
      "{}", "{\"x\":1}", "{\"x\":\"y\"}", "[]", "[1,2]", "[1,[2,{\"a\":null}],\"s\\n\"]", "[1,]", "{\"x\":1,}", "{\"x\"}", "[\"\\u12g4\"]"};
  // values that usually fit each key, so that many records take the fast path whole
  static final Map<String, String[]> FITTING = Map.ofEntries(
      Map.entry("l", new String[] {"0", "-0", "-12", "999999999999999999", "9223372036854775807", "null", "\"42\""}),
      Map.entry("i", new String[] {"7", "-2147483648", "2147483647", "null", "\" 5\""}),
      Map.entry("d", new String[] {"1.5", "-0.0", "0.1", "2.675", "1e3", "-12", "123456789012345.6", "1.2345678901234567890123", "null", "\"2.5\""}),
      Map.entry("f", new String[] {"\"1.5\"", "null", "1.5"}),
      Map.entry("b", new String[] {"true", "false", "null", "\"t\""}),
      Map.entry("t", new String[] {"\"2024-01-02 03:04:05\"", "\"2024-01-02T03:04:05.123456+02:00\"", "null", "\"2024-01-02\\u002003:04:05\""}),
      Map.entry("s", new String[] {"\"abc\"", "\"caf\u00e9\"", "12", "-1.5e3", "true", "null", "\"\"",
          "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", "\"\\u00e9\\u65E5\\ud83d\\ude00\\u0000 caf\u00e9\"", "\"\\ud83d\"",
          "\"\\ude00x\"", "\"\\ud83d\\u0041\"", "\"\\x\"", "\"\\u12\"", "\"tab\\\there\""}),
      Map.entry("day", new String[] {"\"2024-02-29\"", "null"}),
      Map.entry("m", new String[] {"\"12.5\"", "null", "1.25"}),
      Map.entry("st", new String[] {"null", "{\"x\":1}"}),
      Map.entry("li", new String[] {"null", "[1,2]"}),
      Map.entry("bin", new String[] {"\"AQID\"", "null"}),
      Map.entry("extra", new String[] {"[1,[2,{\"a\":null}],\"s\\n\"]", "{\"k\":\"\\u00e9\"}", "-1.5e-7", "\"x\""}),
      Map.entry("\u00e9t\u00e9", new String[] {"1", "\"\u00e9\""}),
      Map.entry("l\\u0041", new String[] {"1"}));
  static final String[] SPACES = {"", "", "", " ", "\n", "\t ", "\r\n"};

  static String randomRecord(Random r) {
    StringBuilder sb = new StringBuilder();
    sb.append(space(r)).append('{');
    int n = r.nextInt(8);
    for (int k = 0; k < n; k++) {
      if (k > 0) sb.append(space(r)).append(',');
      String key = KEYS[r.nextInt(KEYS.length)];
      sb.append(space(r)).append('"').append(key).append('"').append(space(r)).append(':').append(space(r));
      String[] fitting = FITTING.get(key);
      sb.append(r.nextInt(5) > 0 ? fitting[r.nextInt(fitting.length)] : VALUES[r.nextInt(VALUES.length)]);
    }
    sb.append(space(r)).append('}').append(space(r));
    return sb.toString();
  }

  static String space(Random r) {
    return SPACES[r.nextInt(SPACES.length)];
  }

  /** Valid records mostly, some with a byte flipped, cut short or with content after the object. */
  static byte[] randomMessage(Random r) {
    byte[] b = randomRecord(r).getBytes(StandardCharsets.UTF_8);
    switch (r.nextInt(10)) {
      case 0 -> {
        if (b.length > 0) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
      }
      case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1));
      case 2 -> b = (new String(b, StandardCharsets.UTF_8) + (r.nextBoolean() ? " {}" : "x")).getBytes(StandardCharsets.UTF_8);
      case 3 -> b = new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
      default -> { }
    }
    return b;
  }

  /** The scalar columns of {@link #SCHEMA} plus a struct "st" and a list "li" (config has no nested types). */
  static Schema schema() {
    Schema scalars = ((JsonFormat) new JsonFormatFactory().create(MapConfig.of(JsonFormatFactory.spec("json"), Map.of("schema", SCHEMA))))
        .newDecoder().schema();
    List<Field> fields = new ArrayList<>(scalars.getFields());
    Field int64 = Field.nullable("x", new ArrowType.Int(64, true));
    fields.add(new Field("st", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(int64)));
    fields.add(new Field("li", FieldType.nullable(ArrowType.List.INSTANCE), List.of(Field.nullable("element", new ArrowType.Int(64, true)))));
    return new Schema(fields);
  }

  /** Rows and rejects of one decode, as text to compare. */
  static String decodeToText(Schema schema, boolean fastPath, List<RawMessage> msgs, RootAllocator alloc) {
    try (Decoder d = new JsonDecoder(schema, 100, fastPath)) {
      DecodeResult res = d.decode(msgs, alloc);
      try (VectorSchemaRoot root = res.root()) {
        StringBuilder sb = new StringBuilder();
        sb.append(Arrays.toString(res.rowToMessage())).append('\n').append(res.rejects()).append('\n');
        for (int row = 0; row < root.getRowCount(); row++) {
          for (FieldVector v : root.getFieldVectors()) {
            Object o = v.getObject(row);
            // raw bits so that -0.0 and 0.0 (and float rounding) differ
            if (o instanceof Double x) o = Long.toHexString(Double.doubleToRawLongBits(x));
            if (o instanceof Float x) o = Integer.toHexString(Float.floatToRawIntBits(x));
            if (o instanceof byte[] x) o = Arrays.toString(x);
            sb.append(o).append('|');
          }
          sb.append('\n');
        }
        return sb.toString();
      }
    }
  }

  @Test
  void fastPathDecodesLikeJacksonOnRandomRecords() throws Exception {
    Schema schema = schema();
    Random r = new Random(11);
    for (int round = 0; round < 300; round++) {
      List<RawMessage> msgs = new ArrayList<>();
      for (int m = 0; m < 40; m++) msgs.add(RawMessage.of(randomMessage(r), Position.of("p", m)));
      try (var alloc = new RootAllocator()) {
        assertThat(decodeToText(schema, true, msgs, alloc)).as("round " + round).isEqualTo(decodeToText(schema, false, msgs, alloc));
      }
    }
  }

  @Test
  void fastPathDecodesLikeJacksonOnRandomNumbers() throws Exception {
    Schema schema = schema();
    Random r = new Random(12);
    for (int round = 0; round < 50; round++) {
      List<RawMessage> msgs = new ArrayList<>();
      for (int m = 0; m < 200; m++) {
        String x = switch (r.nextInt(4)) {
          case 0 -> String.valueOf(r.nextDouble() * Math.pow(10, r.nextInt(30) - 15));
          case 1 -> String.valueOf(Math.round(r.nextDouble() * 100000) / 100.0);
          case 2 -> String.format("%." + r.nextInt(18) + "f", r.nextGaussian() * 1000);
          default -> String.valueOf(r.nextLong() >> r.nextInt(64));
        };
        String json = "{\"d\":" + x + ",\"s\":" + x + ",\"l\":" + (x.contains(".") || x.contains("E") ? "1" : x) + "}";
        msgs.add(RawMessage.of(json.getBytes(StandardCharsets.UTF_8), Position.of("p", m)));
      }
      try (var alloc = new RootAllocator()) {
        assertThat(decodeToText(schema, true, msgs, alloc)).isEqualTo(decodeToText(schema, false, msgs, alloc));
      }
    }
  }

  @Test
  void randomRecordsOftenTakeTheFastPath() throws Exception {
    Random r = new Random(11);
    int taken = 0;
    try (var alloc = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(schema(), alloc)) {
      FlatObjectDecoder flat = new FlatObjectDecoder(columns(root), new TextParsers());
      for (int m = 0; m < 1000; m++) {
        byte[] b = randomMessage(r);
        if (flat.decode(b, 0, b.length, 0)) taken++;
      }
    }
    assertThat(taken).isBetween(100, 900); // the random test exercises both paths
  }

  @Test
  void flatRecordIsDecodedWithoutJackson() throws Exception {
    try (var alloc = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(schema(), alloc)) {
      FlatObjectDecoder flat = new FlatObjectDecoder(columns(root), new TextParsers());
      byte[] b = "{\"l\":-3,\"d\":2.5,\"t\":\"2024-01-02 03:04:05\",\"s\":\"x\",\"b\":true,\"extra\":[{\"a\":\"\\n\"}]}".getBytes(StandardCharsets.UTF_8);
      assertThat(flat.decode(b, 0, b.length, 0)).isTrue();
      root.setRowCount(1);
      assertThat(root.getVector("l").getObject(0)).isEqualTo(-3L);
      assertThat(root.getVector("d").getObject(0)).isEqualTo(2.5);
      assertThat(root.getVector("s").getObject(0)).hasToString("x");
      assertThat(root.getVector("i").isNull(0)).isTrue();
    }
  }

  @Test
  void escapesAreDecodedOnTheFastPath() throws Exception {
    try (var alloc = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(schema(), alloc)) {
      FlatObjectDecoder flat = new FlatObjectDecoder(columns(root), new TextParsers());
      byte[] b = "{\"s\":\"a\\\"b\\n\\u00e9\\ud83d\\ude00\"}".getBytes(StandardCharsets.UTF_8);
      assertThat(flat.decode(b, 0, b.length, 0)).isTrue();
      root.setRowCount(1);
      assertThat(root.getVector("s").getObject(0)).hasToString("a\"b\n\u00e9\ud83d\ude00");
    }
  }

  @Test
  void loneSurrogateEscapeIsLeftToJackson() throws Exception {
    try (var alloc = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(schema(), alloc)) {
      FlatObjectDecoder flat = new FlatObjectDecoder(columns(root), new TextParsers());
      byte[] b = "{\"s\":\"\\ud83d\"}".getBytes(StandardCharsets.UTF_8);
      assertThat(flat.decode(b, 0, b.length, 0)).isFalse();
    }
  }

  static JsonColumn[] columns(VectorSchemaRoot root) {
    TextParsers parsers = new TextParsers();
    return root.getFieldVectors().stream().map(v -> {
      v.allocateNew();
      return JsonColumn.of(v, v.getName(), parsers, JsonDecoder.FACTORY);
    }).toArray(JsonColumn[]::new);
  }
}
