package io.logpro.processors.filter;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.processor.Processor;
import io.logpro.api.processor.ProcessorFactory;
import io.logpro.processors.expr.ExpressionLanguage;

public final class FilterProcessorFactory implements ProcessorFactory {
  static final ConfigSpec SPEC = ConfigSpec.builder("filter",
          "Keeps the rows for which an expression is true. Rows where it is false or NULL are dropped, "
              + "or sent to the dead-letter output with the reason 'filter failed: <expression>'.")
      .field(FieldSpec.string("where", "The condition a row must meet to go on (SQL-like: comparisons, AND/OR/NOT, IS NULL, functions).")
          .withExample("fare_amount >= 0 AND trip_distance > 0").asRequired())
      .field(FieldSpec.oneOf("on_false", "What happens to rows that fail: drop them, or send them to the dead-letter output.", "drop", "dlq")
          .withDefault("drop"))
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Processor create(Config config) {
    return new FilterProcessor(config, ExpressionLanguage.standard());
  }
}
