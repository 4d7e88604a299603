package io.logpro.messaging.redis;

import io.lettuce.core.RedisURI;

/** Texts about the server that are safe to log: never the password of its URI. */
final class SafeText {
  private SafeText() {}

  /** {@code redis://host:port/db} (or the socket, or the sentinel master), without credentials. */
  static String server(RedisURI uri) {
    if (uri.getSocket() != null) return "unix:" + uri.getSocket();
    if (uri.getHost() == null) return "redis-sentinel (master " + uri.getSentinelMasterId() + ")";
    return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
  }

  /**
   * The password in the user-info of a URI text ({@code redis://[user:]password@host}), raw and
   * percent-decoded, or none: what {@link #error} masks.
   */
  static java.util.List<String> passwords(String uriText) {
    int scheme = uriText.indexOf("://");
    int at = uriText.lastIndexOf('@');
    if (scheme < 0 || at < scheme) return java.util.List.of();
    String userInfo = uriText.substring(scheme + 3, at);
    String raw = userInfo.substring(userInfo.indexOf(':') + 1);
    if (raw.isEmpty()) return java.util.List.of();
    String decoded = java.net.URLDecoder.decode(raw.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    return decoded.equals(raw) ? java.util.List.of(raw) : java.util.List.of(raw, decoded);
  }

  /** A failure as "Type: message" (with its cause's when that says more), a password masked should a message hold it. */
  static String error(Throwable e, java.util.List<String> passwords) {
    String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    Throwable cause = e.getCause();
    if (cause != null && cause != e && cause.getMessage() != null) {
      text += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    }
    for (String p : passwords) text = text.replace(p, "***");
    return text;
  }
}
