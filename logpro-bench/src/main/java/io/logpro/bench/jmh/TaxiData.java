package io.logpro.bench.jmh;

import io.logpro.api.Batch;
import io.logpro.api.DeadLetter;
import io.logpro.api.RawMessage;
import io.logpro.api.config.MapConfig;
import io.logpro.api.format.Decoder;
import io.logpro.api.format.DecodeResult;
import io.logpro.api.format.Format;
import io.logpro.api.format.RecordFileFormat;
import io.logpro.api.format.RecordFileReader;
import io.logpro.api.processor.Processor;
import io.logpro.api.processor.ProcessorContext;
import io.logpro.formats.csv.CsvFormatFactory;
import io.logpro.formats.json.JsonFormatFactory;
import io.logpro.generate.TaxiGenerator;
import io.logpro.processors.derive.DeriveProcessorFactory;
import io.logpro.processors.validate.ValidateProcessorFactory;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Shared inputs of the JMH benchmarks: generated taxi trips (seed 42, dirty rows included) framed
 * into {@link RawMessage}s by the format's own file reader, as the file source hands them to the
 * decoder, and the Silver processors built from the same config as examples/taxi/silver.yaml.
 */
public final class TaxiData {
  /** Records per decode call: the file source's chunk size. */
  public static final int CHUNK = 8192;

  private TaxiData() {}

  public static Map<String, Object> schema() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("VendorID", "int32");
    s.put("tpep_pickup_datetime", "timestamp");
    s.put("tpep_dropoff_datetime", "timestamp");
    s.put("passenger_count", "int64");
    s.put("trip_distance", "float64");
    s.put("RatecodeID", "int64");
    s.put("store_and_fwd_flag", "string");
    s.put("PULocationID", "int32");
    s.put("DOLocationID", "int32");
    s.put("payment_type", "int64");
    for (String c : List.of("fare_amount", "extra", "mta_tax", "tip_amount", "tolls_amount", "improvement_surcharge",
        "total_amount", "congestion_surcharge", "Airport_fee")) {
      s.put(c, "float64");
    }
    return s;
  }

  public static Format format(String type) {
    return switch (type) {
      case "csv" -> new CsvFormatFactory().create(MapConfig.of(CsvFormatFactory.SPEC, Map.of("header", true, "schema", schema())));
      case "ndjson" -> new JsonFormatFactory.Ndjson().create(MapConfig.of(JsonFormatFactory.spec("ndjson"), Map.of("schema", schema())));
      default -> throw new IllegalArgumentException(type);
    };
  }

  /** {@code rows} generated trips written as {@code type} to a temp file and framed into chunks of {@link #CHUNK} messages. */
  public static List<List<RawMessage>> messages(String type, int rows) throws IOException {
    Path file = Files.createTempFile("logpro-jmh-", "." + type);
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
        TaxiGenerator g = new TaxiGenerator(42);
        if (type.equals("csv")) g.writeCsv(out, 0, rows, true, 1);
        else g.writeNdjson(out, 0, rows, 1);
      }
      List<List<RawMessage>> chunks = new ArrayList<>();
      try (RecordFileReader r = ((RecordFileFormat) format(type)).openRecords(file, "bench", 0)) {
        for (List<RawMessage> chunk = r.read(CHUNK); !chunk.isEmpty(); chunk = r.read(CHUNK)) chunks.add(List.copyOf(chunk));
      }
      return chunks;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Decodes every chunk into a batch the caller owns. */
  public static List<VectorSchemaRoot> decode(String type, List<List<RawMessage>> chunks, BufferAllocator allocator) {
    List<VectorSchemaRoot> roots = new ArrayList<>();
    try (Decoder d = format(type).newDecoder()) {
      for (List<RawMessage> chunk : chunks) roots.add(d.decode(chunk, allocator).root());
    }
    return roots;
  }

  public static Processor silverRules() {
    var f = new ValidateProcessorFactory();
    return f.create(MapConfig.of(f.spec(), Map.of("rules", List.of(
        Map.of("not_null", List.of("VendorID", "tpep_pickup_datetime", "tpep_dropoff_datetime", "PULocationID",
            "DOLocationID", "trip_distance", "fare_amount", "total_amount")),
        Map.of("range", Map.of("column", "trip_distance", "min", 0L)),
        Map.of("range", Map.of("column", "fare_amount", "min", 0L)),
        Map.of("range", Map.of("column", "tpep_pickup_datetime", "min", "2024-01-01 00:00:00",
            "max", "2025-01-01 00:00:00", "max_inclusive", false)),
        Map.of("compare", Map.of("left", "tpep_dropoff_datetime", "op", ">=", "right", "tpep_pickup_datetime"))))));
  }

  public static Processor silverColumns() {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("trip_duration_min", "minutes_between(tpep_pickup_datetime, tpep_dropoff_datetime)");
    columns.put("avg_speed_mph", "trip_distance / (trip_duration_min / 60)");
    columns.put("tip_pct", "tip_amount / fare_amount * 100");
    var f = new DeriveProcessorFactory();
    return f.create(MapConfig.of(f.spec(), Map.of("columns", columns)));
  }

  /** Validate then derive, as the Silver sink's processing list does; the caller owns the result. */
  public static Batch silver(Processor rules, Processor columns, Batch input, ProcessorContext context) throws Exception {
    Batch valid = rules.process(input, context);
    return valid == null ? null : columns.process(valid, context);
  }

  /** A processor context that counts rejected rows instead of writing dead letters. */
  public static final class CountingContext implements ProcessorContext {
    private final BufferAllocator allocator;
    public long rejected;

    public CountingContext(BufferAllocator allocator) {
      this.allocator = allocator;
    }

    @Override
    public void deadLetter(DeadLetter letter) {
      rejected++;
    }

    @Override
    public void reject(Batch batch, int row, String error) {
      rejected++;
    }

    @Override
    public String pipelineName() {
      return "bench";
    }

    @Override
    public String componentName() {
      return "silver";
    }

    @Override
    public BufferAllocator allocator() {
      return allocator;
    }
  }
}
