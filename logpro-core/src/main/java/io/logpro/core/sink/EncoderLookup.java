package io.logpro.core.sink;

import io.logpro.api.config.Config;
import io.logpro.api.config.MapConfig;
import io.logpro.api.format.EncodingFormat;
import io.logpro.api.format.Format;
import io.logpro.core.ComponentRegistry;
import java.util.Map;

/** Finds the writable format named by a sink's {@code format:} block (NDJSON when absent). */
final class EncoderLookup {
  private EncoderLookup() {}

  static EncodingFormat of(Config sinkConfig) {
    Config raw = sinkConfig.has("format") ? sinkConfig.object("format") : new MapConfig("json", "format", null, Map.of());
    Format f = ComponentRegistry.load().createFormat(raw);
    if (!(f instanceof EncodingFormat ef)) throw sinkConfig.error("format", "format '" + f.type() + "' cannot be written");
    return ef;
  }
}
