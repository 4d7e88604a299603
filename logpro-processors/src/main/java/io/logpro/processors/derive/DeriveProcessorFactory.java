package io.logpro.processors.derive;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.processor.Processor;
import io.logpro.api.processor.ProcessorFactory;
import io.logpro.processors.expr.ExpressionLanguage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class DeriveProcessorFactory implements ProcessorFactory {
  static final ConfigSpec COLUMNS = ConfigSpec.builder("", "Column name to expression, computed in this order.").open().build();

  static final ConfigSpec SPEC = ConfigSpec.builder("derive",
          "Adds computed columns (or replaces existing ones in place), in the order written; a later column may use "
              + "an earlier one. Values that cannot be computed, such as a division by zero, are NULL.")
      .field(FieldSpec.object("columns", "A mapping from column name to expression.", COLUMNS)
          .withExample("{trip_duration_min: 'minutes_between(tpep_pickup_datetime, tpep_dropoff_datetime)'}").asRequired())
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Processor create(Config config) {
    return new DeriveProcessor(config, columns(config), ExpressionLanguage.standard());
  }

  /** The name -> expression mapping in declaration order; a list of one-entry mappings is accepted too. */
  static Map<String, String> columns(Config config) {
    Object raw = config.raw("columns");
    Map<String, String> out = new LinkedHashMap<>();
    if (raw instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), expression(config, k, v)));
    } else if (raw instanceof List<?> list) {
      for (Object o : list) {
        if (!(o instanceof Map<?, ?> m)) throw config.error("columns", "expected a mapping of name to expression, found '" + o + "'");
        m.forEach((k, v) -> out.put(String.valueOf(k), expression(config, k, v)));
      }
    } else {
      throw config.error("columns", "expected a mapping of name to expression, found " + (raw == null ? "nothing" : "'" + raw + "'"));
    }
    if (out.isEmpty()) throw config.error("columns", "expected at least one column, found none");
    return out;
  }

  private static String expression(Config config, Object name, Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) return String.valueOf(value);
    throw config.error("columns." + name, "expected an expression, found " + (value == null ? "nothing" : "'" + value + "'"));
  }
}
