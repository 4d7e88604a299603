package io.logpro.formats.csv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpro.api.RawMessage;
import io.logpro.api.format.DecodeResult;
import io.logpro.api.format.Decoder;
import io.logpro.formats.ArrowTypes;
import io.logpro.formats.TestData;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** csv-spectrum and the NYC taxi samples, against their JSON expectations and commons-csv. */
class CsvCorporaTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** commons-csv's records (RFC 4180, header taken from the first record). */
  static List<CSVRecord> commonsCsv(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
         CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
      return p.getRecords();
    }
  }

  /** Decodes a whole file with every column a string, as maps header -> value (null read as ""). */
  static List<Map<String, String>> decodeAsStrings(Path file) throws IOException {
    CsvFormat probe = CsvFormatTest.format(Map.of());
    List<String> header;
    try (CsvRecordReader r = (CsvRecordReader) probe.openRecords(file, "p", 0)) {
      header = r.header();
    }
    List<Map<String, Object>> schema = new ArrayList<>();
    for (String h : header) schema.add(Map.of("name", h, "type", "string"));
    CsvFormat f = CsvFormatTest.format(Map.of("schema", schema));
    List<RawMessage> msgs = TestData.records(f, file, 0);
    try (var alloc = new RootAllocator(); Decoder d = f.newDecoder()) {
      DecodeResult res = d.decode(msgs, alloc);
      try (VectorSchemaRoot root = res.root()) {
        assertThat(res.rejects()).isEmpty();
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < root.getRowCount(); i++) {
          Map<String, String> m = new LinkedHashMap<>();
          for (var v : root.getFieldVectors()) {
            byte[] b = ((VarCharVector) v).get(i);
            m.put(v.getName(), b == null ? "" : new String(b, StandardCharsets.UTF_8));
          }
          out.add(m);
        }
        return out;
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> spectrumFilesMatchTheirJsonAndCommonsCsv() throws IOException {
    return Files.list(TestData.path("csv-spectrum/csvs")).sorted().map(csv -> DynamicTest.dynamicTest(csv.getFileName().toString(), () -> {
      String name = csv.getFileName().toString().replace(".csv", ".json");
      List<Map<String, String>> expected = MAPPER.readValue(TestData.path("csv-spectrum/json/" + name).toFile(),
          MAPPER.getTypeFactory().constructCollectionType(List.class, MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, String.class)));
      List<Map<String, String>> actual = decodeAsStrings(csv);
      assertThat(actual).isEqualTo(expected);
      List<Map<String, String>> reference = commonsCsv(csv).stream().map(CSVRecord::toMap).toList();
      assertThat(actual).isEqualTo(reference);
    }));
  }

  @TestFactory
  Stream<DynamicTest> taxiSamplesMatchCommonsCsvRowCountsAndValues() throws IOException {
    return Files.list(TestData.path("nyc-tlc-yellow-great-expectations")).filter(p -> p.toString().endsWith(".csv")).sorted()
        .map(csv -> DynamicTest.dynamicTest(csv.getFileName().toString(), () -> {
          List<CSVRecord> reference = commonsCsv(csv);
          List<Map<String, String>> actual = decodeAsStrings(csv);
          assertThat(actual).hasSize(reference.size());
          for (int i = 0; i < actual.size(); i++) assertThat(actual.get(i)).isEqualTo(reference.get(i).toMap());
        }));
  }

  @Test
  void taxi2021SchemaIsInferred() throws IOException {
    Path csv = TestData.path("nyc-tlc-yellow-great-expectations/yellow_tripdata_sample_2021.csv");
    CsvFormat f = CsvFormatTest.format(Map.of());
    List<RawMessage> msgs = TestData.records(f, csv, 0);
    try (var alloc = new RootAllocator(); Decoder d = f.newDecoder()) {
      DecodeResult res = d.decode(msgs, alloc);
      try (VectorSchemaRoot root = res.root()) {
        assertThat(res.rejects()).isEmpty();
        assertThat(root.getRowCount()).isEqualTo(commonsCsv(csv).size());
        Map<String, String> types = new LinkedHashMap<>();
        root.getSchema().getFields().forEach(fl -> types.put(fl.getName(), ArrowTypes.toString(fl.getType())));
        assertThat(types).containsEntry("VendorID", "int64").containsEntry("tpep_pickup_datetime", "timestamp")
            .containsEntry("fare_amount", "float64").containsEntry("store_and_fwd_flag", "string")
            .containsEntry("PULocationID", "int64").containsEntry("test_bool", "bool");
      }
    }
  }

  @Test
  void taxi2019NullSurchargesStayFloat() throws IOException {
    Path csv = TestData.path("nyc-tlc-yellow-great-expectations/yellow_tripdata_sample_2019-01.csv");
    CsvFormat f = CsvFormatTest.format(Map.of());
    List<RawMessage> msgs = TestData.records(f, csv, 0);
    try (var alloc = new RootAllocator(); Decoder d = f.newDecoder()) {
      DecodeResult res = d.decode(msgs, alloc);
      try (VectorSchemaRoot root = res.root()) {
        assertThat(res.rejects()).isEmpty();
        assertThat(ArrowTypes.toString(root.getSchema().findField("congestion_surcharge").getType())).isEqualTo("float64");
        assertThat(root.getVector("congestion_surcharge").getNullCount()).isPositive();
        assertThat(root.getVector("vendor_id").getObject(0)).isEqualTo(1L);
      }
    }
  }

  @Test
  void taxiZoneLookupQuotedFieldsMatchCommonsCsv() throws IOException {
    Path csv = TestData.path("nyc-tlc-taxi-zone-lookup/taxi_zone_lookup_official_header.csv");
    List<Map<String, String>> actual = decodeAsStrings(csv);
    assertThat(actual).isEqualTo(commonsCsv(csv).stream().map(CSVRecord::toMap).toList());
    assertThat(actual).hasSize(265);
  }
}
