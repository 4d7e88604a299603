package io.logpro.processors.expr;

import io.logpro.api.config.DidYouMean;
import java.util.Collection;

/** Did-you-mean for column and function names. */
public final class Names {
  private Names() {}

  /** The candidate nearest to {@code name}, allowing roughly one edit per three characters (at least two), or null. */
  public static String suggest(String name, Collection<String> candidates) {
    return DidYouMean.closest(name, candidates, Math.max(2, name.length() / 3));
  }
}
