package io.logpro.http;

/** How the rows of one request are framed in its body. */
public enum BodyFormat {
  /** {@code [{...},{...}]}: one JSON array of row objects. */
  JSON_ARRAY("json_array", "application/json"),
  /** One row object per line, each line ending in a newline. */
  NDJSON("ndjson", "application/x-ndjson");

  private final String configName;
  private final String contentType;

  BodyFormat(String configName, String contentType) {
    this.configName = configName;
    this.contentType = contentType;
  }

  public String configName() {
    return configName;
  }

  public String contentType() {
    return contentType;
  }

  public static BodyFormat of(String configName) {
    for (BodyFormat f : values()) {
      if (f.configName.equals(configName)) return f;
    }
    throw new IllegalArgumentException("unknown body format " + configName);
  }
}
