package io.logpro.api.config;

/**
 * One thing wrong with a config file, located precisely enough to fix it without a debugger.
 *
 * @param file       the config file
 * @param line       1-based line, or 0 when unknown
 * @param column     1-based column, or 0 when unknown
 * @param key        the dotted key path ("sinks.bronze.table")
 * @param message    what is wrong, including what was expected and what was found
 * @param suggestion a did-you-mean, or null
 */
public record ConfigProblem(String file, int line, int column, String key, String message, String suggestion) {

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(file == null ? "<config>" : file);
    if (line > 0) sb.append(':').append(line).append(':').append(column);
    sb.append(": ");
    if (key != null && !key.isEmpty()) sb.append(key).append(": ");
    sb.append(message);
    if (suggestion != null) sb.append(" (did you mean '").append(suggestion).append("'?)");
    return sb.toString();
  }
}
