package io.logpro.http;

import java.net.URI;

/** Texts about the target that are safe to log: no credentials, no query string (tokens often live there). */
final class SafeText {
  private SafeText() {}

  /** {@code scheme://host[:port]/path}. */
  static String url(URI url) {
    StringBuilder sb = new StringBuilder().append(url.getScheme()).append("://").append(url.getHost());
    if (url.getPort() >= 0) sb.append(':').append(url.getPort());
    if (url.getRawPath() != null) sb.append(url.getRawPath());
    if (url.getRawQuery() != null) sb.append("?***");
    return sb.toString();
  }

  /** An I/O failure as "Type: message" (with its cause when the message is empty), the URL's secrets masked. */
  static String error(Throwable e, URI url) {
    Throwable shown = e;
    while (shown.getMessage() == null && shown.getCause() != null) shown = shown.getCause();
    String text = shown.getClass().getSimpleName() + (shown.getMessage() == null ? "" : ": " + shown.getMessage());
    if (shown != e) text = e.getClass().getSimpleName() + " (" + text + ")";
    return mask(text, url);
  }

  private static String mask(String text, URI url) {
    String out = text.replace(url.toString(), url(url));
    if (url.getRawUserInfo() != null) out = out.replace(url.getRawUserInfo(), "***");
    if (url.getRawQuery() != null) out = out.replace(url.getRawQuery(), "***");
    return out;
  }
}
