package io.logpro.postgres;

/** How the sink applies a batch to the target table. */
public enum WriteMode {
  /** COPY into the staging table, then INSERT ... SELECT: every row becomes a new row. */
  APPEND("append"),
  /** COPY, then MERGE by key: the last row of each key in the batch updates or inserts. */
  UPSERT("upsert"),
  /** COPY, then MERGE by key of the last change of each key: {@code _op} 'd' deletes, c/u/r upsert. */
  CDC("cdc"),
  /** Batched JDBC INSERTs (insert_batch_rows per round trip): the slow path, kept for comparison. */
  INSERT("insert");

  private final String configName;

  WriteMode(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public boolean needsKey() {
    return this == UPSERT || this == CDC;
  }

  public static WriteMode of(String name) {
    for (WriteMode m : values()) {
      if (m.configName.equals(name)) return m;
    }
    throw new IllegalArgumentException("unknown mode " + name);
  }
}
