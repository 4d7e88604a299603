package io.logpro.postgres;

import io.logpro.api.RetryPolicy;
import io.logpro.api.checkpoint.CheckpointStore;
import io.logpro.api.checkpoint.CheckpointStoreFactory;
import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;

/** {@code checkpoint_store: {type: postgres, ...}}: positions in a PostgreSQL table shared by instances and restarts. */
public final class PostgresCheckpointStoreFactory implements CheckpointStoreFactory {
  static final ConfigSpec SPEC = ConfigSpec.builder("postgres",
          "Keeps the pipeline's acknowledged positions in a PostgreSQL table (one row per pipeline, upserted atomically), "
              + "for sinks that cannot store positions themselves and machines without a durable local disk.")
      .field(FieldSpec.string("url", "JDBC URL of the database.").asRequired().withExample("jdbc:postgresql://db:5432/ops"))
      .field(FieldSpec.string("user", "Database user.").withExample("logpro"))
      .field(FieldSpec.string("password", "Database password.").asSecret().withExample("${PGPASSWORD}"))
      .field(FieldSpec.string("table", "The table, created when absent (shared with the postgres sink's offsets).").withDefault("logpro.offsets"))
      .field(RetryPolicy.field())
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public CheckpointStore create(Config config, String pipeline, String stateDir) {
    String url = config.string("url");
    if (url == null || !url.startsWith("jdbc:postgresql:")) throw config.error("url", "expected jdbc:postgresql://host:port/database, found " + url);
    TableName table;
    try {
      table = TableName.parse(config.has("table") ? config.string("table") : "logpro.offsets");
    } catch (IllegalArgumentException e) {
      throw config.error("table", e.getMessage());
    }
    return new PostgresCheckpointStore(url, config.string("user"), config.string("password"), table, pipeline, RetryPolicy.from(config));
  }
}
