package io.logpro.core.dlq;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.source.Source;
import io.logpro.api.source.SourceFactory;
import java.nio.file.Path;

/** {@code type: dlq}: the records of a file dead-letter output, read back for a replay. */
public final class DlqSourceFactory implements SourceFactory {
  static final ConfigSpec SPEC = ConfigSpec.builder("dlq",
          "Reads a file dead-letter output (NDJSON) back as records: each letter's original bytes, at a position of the replay, "
              + "so that a transactional sink skips what an earlier replay committed. Used by `logpro dlq replay`.")
      .field(FieldSpec.string("path", "The dead-letter folder.").asRequired().withExample("./lakehouse/_dlq/taxi"))
      .field(FieldSpec.string("route", "Only letters of this route: a sink name (rows that sink's branch rejected) or * "
          + "(rows rejected before the sinks); all letters when absent."))
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Source create(Config config) {
    return new DlqSource(Path.of(config.string("path")), config.has("route") ? config.string("route") : null);
  }
}
