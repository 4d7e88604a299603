package io.logpro.cli;


/**
 * Chooses the log layout before the first logger exists: short human lines on a terminal,
 * JSON lines (one object per event) when stderr goes to a file or a collector.
 */
final class Logging {
  private Logging() {}

  static void configure() {
    if (System.getProperty("logback.configurationFile") != null) return;
    boolean json = !Terminal.isTerminal(2) || "json".equalsIgnoreCase(System.getenv("LOGPRO_LOG_FORMAT"));
    if ("text".equalsIgnoreCase(System.getenv("LOGPRO_LOG_FORMAT"))) json = false;
    System.setProperty("logback.configurationFile", json ? "logback-json.xml" : "logback-text.xml");
  }
}
