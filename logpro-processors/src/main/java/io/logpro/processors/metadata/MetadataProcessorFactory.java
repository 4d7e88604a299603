package io.logpro.processors.metadata;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.processor.Processor;
import io.logpro.api.processor.ProcessorFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

public final class MetadataProcessorFactory implements ProcessorFactory {
  static final ConfigSpec SPEC = ConfigSpec.builder("metadata", "Adds ingestion metadata columns (source partition, offset, ingest time, event time, key) for Bronze tables.")
      .field(FieldSpec.strings("columns", "Which columns: partition, offset, ingested_at, event_time (the record timestamp), key, headers (JSON).")
          .withDefault(List.of("partition", "offset", "ingested_at")))
      .field(FieldSpec.string("prefix", "Prefix of the added column names.").withDefault("_"))
      .field(FieldSpec.string("event_time_column", "Take event_time from this timestamp column instead of the record's timestamp.")
          .withExample("tpep_pickup_datetime"))
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Processor create(Config config) {
    List<MetadataProcessor.Column> columns = new ArrayList<>();
    for (String name : config.strings("columns")) {
      MetadataProcessor.Column c = MetadataProcessor.Column.of(name);
      if (c == null) {
        throw config.error("columns", "expected some of " + Arrays.stream(MetadataProcessor.Column.values()).map(x -> x.configName).toList()
            + ", found '" + name + "'");
      }
      columns.add(c);
    }
    return new MetadataProcessor(columns, config.string("prefix"), config.string("event_time_column"));
  }
}
