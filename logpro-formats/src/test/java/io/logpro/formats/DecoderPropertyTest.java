package io.logpro.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.config.MapConfig;
import io.logpro.api.format.DecodeResult;
import io.logpro.api.format.Decoder;
import io.logpro.api.format.Format;
import io.logpro.api.format.RecordFileFormat;
import io.logpro.formats.avro.AvroFormatFactory;
import io.logpro.formats.csv.CsvFormatFactory;
import io.logpro.formats.json.JsonFormatFactory;
import io.logpro.formats.parquet.ParquetFormatFactory;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random records, valid and then mutated (truncated, bytes flipped, invalid UTF-8, wrong
 * types, 1 MB fields), through every decoder: none throws or hangs, and every message ends up
 * either as a row or as a reject, exactly once.
 */
class DecoderPropertyTest {
  static final int ROUNDS = 30;
  static final List<Map<String, Object>> SCHEMA = List.of(
      Map.of("name", "id", "type", "int64"), Map.of("name", "fare", "type", "float64"), Map.of("name", "ok", "type", "bool"),
      Map.of("name", "at", "type", "timestamp"), Map.of("name", "note", "type", "string"), Map.of("name", "day", "type", "date"),
      Map.of("name", "amount", "type", "decimal(10,2)"));

  @TempDir Path dir;

  static Format csv(Map<String, ?> cfg) {
    return new CsvFormatFactory().create(MapConfig.of(CsvFormatFactory.SPEC, cfg));
  }

  static Format json(Map<String, ?> cfg) {
    return new JsonFormatFactory().create(MapConfig.of(JsonFormatFactory.spec("json"), cfg));
  }

  static String randomText(Random r) {
    String[] parts = {"a", "b c", ",", "\"", "\n", "\r\n", "é", "日本", "😀", "x\"y", "", " "};
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) sb.append(parts[r.nextInt(parts.length)]);
    return sb.toString();
  }

  static String[] randomValues(Random r) {
    return new String[] {
        String.valueOf(r.nextLong() >> r.nextInt(64)),
        r.nextBoolean() ? String.valueOf(r.nextDouble() * 1000) : String.valueOf(r.nextInt(1000)),
        r.nextBoolean() ? "true" : "false",
        String.format("20%02d-%02d-%02d %02d:%02d:%02d", r.nextInt(100), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60)),
        randomText(r),
        String.format("19%02d-%02d-%02d", r.nextInt(100), 1 + r.nextInt(12), 1 + r.nextInt(28)),
        r.nextInt(100000) + "." + r.nextInt(10) + r.nextInt(10)};
  }

  static String csvField(String v) {
    boolean quote = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || v.isEmpty();
    return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  static String csvRecord(String[] v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length; i++) {
      if (i > 0) sb.append(',');
      sb.append(csvField(v[i]));
    }
    return sb.toString();
  }

  static String jsonRecord(String[] v, Random r) {
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"id\":").append(v[0]).append(",\"fare\":").append(v[1]).append(",\"ok\":").append(v[2])
        .append(",\"at\":\"").append(v[3]).append("\",\"note\":").append(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(v[4]).length >= 0
            ? "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(v[4])) + "\"" : "")
        .append(",\"day\":\"").append(v[5]).append("\",\"amount\":").append(v[6]);
    if (r.nextBoolean()) sb.append(",\"extra\":{\"nested\":[1,2,{\"x\":null}]}");
    return sb.append('}').toString();
  }

  /** One of the mutations, applied to a valid record. */
  static byte[] mutate(byte[] b, Random r) {
    switch (r.nextInt(7)) {
      case 0: return Arrays.copyOf(b, r.nextInt(b.length + 1)); // truncated
      case 1: { // bytes flipped
        byte[] c = b.clone();
        for (int k = 0; k < 1 + r.nextInt(3) && c.length > 0; k++) c[r.nextInt(c.length)] ^= (byte) (1 << r.nextInt(8));
        return c;
      }
      case 2: { // invalid UTF-8 inserted
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF0, (byte) 0x9F}};
        byte[] ins = bad[r.nextInt(bad.length)];
        int at = r.nextInt(b.length + 1);
        byte[] c = new byte[b.length + ins.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(ins, 0, c, at, ins.length);
        System.arraycopy(b, at, c, at + ins.length, b.length - at);
        return c;
      }
      case 3: { // a wrong type: digits replaced by letters
        String s = new String(b, StandardCharsets.UTF_8).replaceFirst("[0-9]", "q");
        return s.getBytes(StandardCharsets.UTF_8);
      }
      case 4: { // a 1 MB field
        String s = new String(b, StandardCharsets.UTF_8);
        int at = s.indexOf(',');
        String huge = "9".repeat(1 << 20);
        return (at < 0 ? huge : s.substring(0, at + 1) + huge + s.substring(at + 1)).getBytes(StandardCharsets.UTF_8);
      }
      case 5: return new byte[0];
      default: { // random garbage
        byte[] c = new byte[r.nextInt(64)];
        r.nextBytes(c);
        return c;
      }
    }
  }

  static void checkAccounting(Decoder d, List<RawMessage> msgs) {
    try (var alloc = new RootAllocator()) {
      DecodeResult res = d.decode(msgs, alloc);
      try (var root = res.root()) {
        assertThat(root.getRowCount() + res.rejects().size()).isEqualTo(msgs.size());
        assertThat(res.rowToMessage()).hasSize(root.getRowCount());
        Set<Integer> seen = new HashSet<>();
        for (int m : res.rowToMessage()) assertThat(seen.add(m)).isTrue();
        for (var rej : res.rejects()) {
          assertThat(seen.add(rej.messageIndex())).isTrue();
          assertThat(rej.error()).isNotBlank();
        }
        root.contentToTSVString(); // every vector is readable
      }
    }
  }

  static List<RawMessage> asMessages(List<byte[]> records) {
    List<RawMessage> out = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) out.add(RawMessage.of(records.get(i), Position.of("p", i + 1)));
    return out;
  }

  @Test
  void validCsvFilesDecodeCompletelyAndMatchCommonsCsv() throws Exception {
    Random r = new Random(1);
    for (int round = 0; round < ROUNDS; round++) {
      StringBuilder sb = new StringBuilder("id,fare,ok,at,note,day,amount\n");
      int n = 1 + r.nextInt(200);
      for (int i = 0; i < n; i++) sb.append(csvRecord(randomValues(r))).append(r.nextBoolean() ? "\n" : "\r\n");
      if (r.nextBoolean()) sb.setLength(sb.length() - 1); // sometimes no final newline (or a bare CR... trimmed below)
      String text = sb.toString();
      if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
      Path f = Files.writeString(dir.resolve("r" + round + ".csv"), text);
      Format fmt = csv(Map.of("schema", SCHEMA));
      List<RawMessage> msgs = TestData.records((RecordFileFormat) fmt, f, 0);
      int expected;
      try (Reader rd = new StringReader(text); CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(rd)) {
        expected = p.getRecords().size();
      }
      assertThat(msgs).hasSize(expected);
      try (var alloc = new RootAllocator(); Decoder d = fmt.newDecoder()) {
        DecodeResult res = d.decode(msgs, alloc);
        try (var root = res.root()) {
          assertThat(res.rejects()).isEmpty();
          assertThat(root.getRowCount()).isEqualTo(n);
        }
      }
    }
  }

  @Test
  void mutatedCsvRecordsAreAccountedFor() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      Random r = new Random(2);
      for (int round = 0; round < ROUNDS; round++) {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          byte[] b = csvRecord(randomValues(r)).getBytes(StandardCharsets.UTF_8);
          records.add(r.nextInt(3) == 0 ? mutate(b, r) : b);
        }
        for (Format fmt : List.of(csv(Map.of("schema", SCHEMA, "header", false)), csv(Map.of("header", false)))) {
          try (Decoder d = fmt.newDecoder()) {
            checkAccounting(d, asMessages(records));
            checkAccounting(d, asMessages(records)); // a second batch with the schema now fixed
          }
        }
      }
    });
  }

  @Test
  void mutatedCsvFilesAreFramedAndAccountedFor() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      Random r = new Random(3);
      for (int round = 0; round < ROUNDS; round++) {
        StringBuilder sb = new StringBuilder("id,fare,ok,at,note,day,amount\n");
        for (int i = 0; i < 40; i++) sb.append(csvRecord(randomValues(r))).append('\n');
        byte[] file = mutate(sb.toString().getBytes(StandardCharsets.UTF_8), r);
        Path f = Files.write(dir.resolve("m" + round + ".csv"), file);
        Format fmt = csv(Map.of("schema", SCHEMA));
        List<RawMessage> msgs = TestData.records((RecordFileFormat) fmt, f, 0);
        try (Decoder d = fmt.newDecoder()) {
          checkAccounting(d, msgs);
        }
      }
    });
  }

  @Test
  void mutatedNdjsonRecordsAreAccountedFor() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      Random r = new Random(4);
      for (int round = 0; round < ROUNDS; round++) {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          byte[] b = jsonRecord(randomValues(r), r).getBytes(StandardCharsets.UTF_8);
          records.add(r.nextInt(3) == 0 ? mutate(b, r) : b);
        }
        for (Format fmt : List.of(json(Map.of("schema", SCHEMA)), json(Map.of()))) {
          try (Decoder d = fmt.newDecoder()) {
            checkAccounting(d, asMessages(records));
            checkAccounting(d, asMessages(records));
          }
        }
        // And as a file, through the framer.
        Path f = dir.resolve("j" + round + ".ndjson");
        try (var out = Files.newOutputStream(f)) {
          for (byte[] b : records) {
            out.write(b);
            out.write('\n');
          }
        }
        Format fmt = json(Map.of());
        try (Decoder d = fmt.newDecoder()) {
          checkAccounting(d, TestData.records((RecordFileFormat) fmt, f, 0));
        }
      }
    });
  }

  @Test
  void validNdjsonDecodesWithoutRejects() throws Exception {
    Random r = new Random(5);
    for (int round = 0; round < ROUNDS; round++) {
      List<byte[]> records = new ArrayList<>();
      for (int i = 0; i < 50; i++) records.add(jsonRecord(randomValues(r), r).getBytes(StandardCharsets.UTF_8));
      try (var alloc = new RootAllocator(); Decoder d = json(Map.of("schema", SCHEMA)).newDecoder()) {
        DecodeResult res = d.decode(asMessages(records), alloc);
        try (var root = res.root()) {
          assertThat(res.rejects()).isEmpty();
          assertThat(root.getRowCount()).isEqualTo(50);
        }
      }
    }
  }

  @Test
  void randomBytesThroughAvroAndParquetDecodersAreAccountedFor() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      String schema = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"s\",\"type\":\"string\"},"
          + "{\"name\":\"l\",\"type\":{\"type\":\"array\",\"items\":[\"null\",\"double\"]}},{\"name\":\"m\",\"type\":{\"type\":\"map\",\"values\":\"int\"}}]}";
      Format avro = new AvroFormatFactory().create(MapConfig.of(AvroFormatFactory.SPEC, Map.of("schema", schema)));
      Format parquet = new ParquetFormatFactory().create(MapConfig.of(ParquetFormatFactory.SPEC, Map.of()));
      Random r = new Random(6);
      for (int round = 0; round < ROUNDS; round++) {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          byte[] b = new byte[r.nextInt(40)];
          r.nextBytes(b);
          records.add(r.nextBoolean() ? b : mutate(b.length == 0 ? new byte[] {2, 0, 0, 0} : b, r));
        }
        for (Format fmt : List.of(avro, parquet)) {
          try (Decoder d = fmt.newDecoder()) {
            checkAccounting(d, asMessages(records));
          }
        }
      }
    });
  }
}
