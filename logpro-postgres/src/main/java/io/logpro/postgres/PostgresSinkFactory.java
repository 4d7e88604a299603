package io.logpro.postgres;

import io.logpro.api.RetryPolicy;
import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.sink.Sink;
import io.logpro.api.sink.SinkFactory;

/** The {@code postgres} sink. */
public final class PostgresSinkFactory implements SinkFactory {
  public static final ConfigSpec SPEC = ConfigSpec.builder("postgres",
          "Writes batches into a PostgreSQL table, exactly once: each batch goes by binary COPY into a temporary staging"
              + " table and from there into the target with one statement (INSERT for append, MERGE for upsert and cdc);"
              + " a commit stores the source positions in an offsets table in the same transaction. Rows the table refuses"
              + " (constraint violations, values out of range) go to the dead-letter output, the rest of the batch commits.")
      .field(FieldSpec.string("url", "JDBC URL of the target database.").asRequired()
          .withExample("jdbc:postgresql://localhost:5432/replica"))
      .field(FieldSpec.string("user", "Database user.").withExample("logpro"))
      .field(FieldSpec.string("password", "Database password.").asSecret().withExample("${PGPASSWORD}"))
      .field(FieldSpec.string("table", "The target table as schema.table (public when no schema), names used exactly as written;"
          + " created from the first batch when absent and create_table is true.").asRequired().withExample("public.orders"))
      .field(FieldSpec.oneOf("mode", "append: insert every row; upsert: insert or update by key, the last row of a key in a"
              + " batch wins; cdc: apply change rows by key (_op d deletes, c/u/r upsert), only the last change of a key in a"
              + " batch applies; insert: batched JDBC INSERTs instead of COPY (slower, for comparison).",
          "append", "upsert", "cdc", "insert").withDefault("append"))
      .field(FieldSpec.strings("key", "Key columns of upsert and cdc (and the primary key of a created table). Default: the"
          + " columns whose Arrow metadata says logpro.key=true (set by the CDC sources), else the table's primary key.")
          .withExample("[id]"))
      .field(FieldSpec.bool("create_table", "Create the target table from the first batch's schema when it does not exist,"
          + " with a primary key on the key columns (in append and insert modes only when key is set).").withDefault(true))
      .field(FieldSpec.bool("evolve_schema", "Add a column the table lacks (ALTER TABLE ADD COLUMN) and widen a column safely"
          + " (smallint to integer to bigint, real to double precision, numeric to more digits, varchar(n) to text when a"
          + " value is longer); each change is logged.").withDefault(true))
      .field(FieldSpec.strings("columns", "Write only these columns of the batch, in this order (CDC metadata columns such as"
          + " _op or _source_ts are written only when listed here).").withExample("[id, name, _source_ts]"))
      .field(FieldSpec.strings("exclude", "Columns of the batch not to write.").withExample("[debug_payload]"))
      .field(FieldSpec.string("offsets_table", "The table (schema.table) that holds each pipeline's committed source positions;"
          + " schema and table are created when absent.").withDefault("logpro.offsets"))
      .field(FieldSpec.integer("insert_batch_rows", "Mode insert: rows per JDBC batch (1 = one INSERT per row).").withDefault(1000L))
      .field(FieldSpec.size("max_uncommitted", "Ask for an early commit when the batches written since the last commit (kept"
          + " to replay them after a lost connection) reach this size.").withDefault("256MB"))
      .field(RetryPolicy.field())
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Sink create(Config config) {
    return new PostgresSink(settings(config));
  }

  static PostgresSinkSettings settings(Config config) {
    String url = config.string("url");
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw config.error("url", "expected a URL starting with jdbc:postgresql://, found '" + (url == null ? "" : url) + "'");
    }
    TableName table = tableName(config, "table");
    TableName offsets = tableName(config, "offsets_table");
    WriteMode mode = WriteMode.of(config.string("mode"));
    int batchRows = config.integer("insert_batch_rows");
    if (batchRows < 1) throw config.error("insert_batch_rows", "expected 1 or more, found " + batchRows);
    long maxUncommitted = config.bytes("max_uncommitted");
    if (maxUncommitted <= 0) throw config.error("max_uncommitted", "expected a positive size, found " + maxUncommitted);
    for (String k : config.strings("key")) {
      if (k.isBlank()) throw config.error("key", "expected column names, found an empty one");
    }
    String password = config.string("password");
    return new PostgresSinkSettings(url, config.string("user"), password == null || password.isEmpty() ? null : password,
        table, mode, config.strings("key"), config.bool("create_table"), config.bool("evolve_schema"), config.strings("columns"),
        config.strings("exclude"), offsets, batchRows, maxUncommitted, RetryPolicy.from(config), config);
  }

  private static TableName tableName(Config config, String field) {
    String name = config.string(field);
    if (name == null || name.isBlank()) throw config.error(field, "expected schema.table, found nothing");
    try {
      return TableName.parse(name);
    } catch (IllegalArgumentException e) {
      throw config.error(field, e.getMessage());
    }
  }
}
