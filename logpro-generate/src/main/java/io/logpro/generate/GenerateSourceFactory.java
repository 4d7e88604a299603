package io.logpro.generate;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.config.FieldType;
import io.logpro.api.source.Source;
import io.logpro.api.source.SourceFactory;

/** The {@code generate} source: a reproducible workload as NDJSON messages. */
public final class GenerateSourceFactory implements SourceFactory {

  static final ConfigSpec SPEC = ConfigSpec.builder("generate",
          "Generates a reproducible workload as NDJSON records: the same seed gives the same rows, "
              + "and a restart resumes at the row after the last committed one.")
      .field(FieldSpec.oneOf("generator", "Which workload: taxi is NYC yellow taxi trips in the 2024 TLC schema "
          + "with a documented share of dirty and malformed rows.", "taxi").withDefault("taxi"))
      .field(FieldSpec.of("rows", FieldType.LONG, "How many rows to generate before the source ends.")
          .asRequired().withExample("1000000"))
      .field(FieldSpec.of("seed", FieldType.LONG, "Seed of the random streams; row i depends only on (seed, i).")
          .withDefault(42L))
      .field(FieldSpec.of("rate", FieldType.DOUBLE, "Throttle to at most this many rows per second; "
          + "unset means as fast as possible.").withExample("20000"))
      .field(FieldSpec.of("start", FieldType.LONG, "Index of the first row, to continue an earlier run's range.")
          .withDefault(0L))
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Source create(Config config) {
    long rows = config.longValue("rows");
    if (rows < 0) throw config.error("rows", "expected a number of rows >= 0, found " + rows);
    long start = config.longValue("start");
    if (start < 0) throw config.error("start", "expected a row index >= 0, found " + start);
    if (Long.MAX_VALUE - start < rows) throw config.error("rows", "expected start + rows to fit in a long, found " + start + " + " + rows);
    double rate = 0;
    if (config.has("rate")) {
      rate = config.doubleValue("rate");
      if (!(rate > 0) || Double.isInfinite(rate)) {
        throw config.error("rate", "expected rows per second > 0, found " + config.raw("rate"));
      }
    }
    String generator = config.string("generator");
    RowGenerator gen = switch (generator) {
      case "taxi" -> new TaxiGenerator(config.longValue("seed"));
      default -> throw config.error("generator", "expected one of [taxi], found '" + generator + "'");
    };
    return new GenerateSource(gen, start, rows, rate);
  }
}
