package io.logpro.core.source;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.source.Source;
import io.logpro.api.source.SourceFactory;
import io.logpro.core.ComponentRegistry;

public final class FileSourceFactory implements SourceFactory {
  static final ConfigSpec SPEC = ConfigSpec.builder("file", "Reads local files (paths, directories or globs) in name order; each file resumes from its committed offset.")
      .field(FieldSpec.strings("paths", "Files, directories or globs such as data/**/*.csv.").asRequired().withExample("[data/trips-*.csv]"))
      .field(FieldSpec.component("format", "format", "How the files are laid out.").asRequired().withExample("{type: csv}"))
      .field(FieldSpec.bool("watch", "Keep running and pick up new files as they appear (continuous mode).").withDefault(false))
      .field(FieldSpec.duration("poll_interval", "How often to look for new files in watch mode.").withDefault("1s"))
      .field(FieldSpec.string("done_dir", "Move each file here once all of it is committed.").withExample("data/done"))
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Source create(Config config) {
    return new FileSource(config, ComponentRegistry.load().createFormat(config.object("format")));
  }
}
