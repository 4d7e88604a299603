package io.logpro.api.config;

import java.util.Collection;
import java.util.Locale;

/** Did-you-mean for misspelt keys, type names and column names: the nearest candidate by edit distance. */
public final class DidYouMean {
  private DidYouMean() {}

  /** The closest candidate within about one edit per three characters (1 to 3), or null. */
  public static String closest(String word, Collection<String> candidates) {
    return closest(word, candidates, Math.max(1, Math.min(3, word.length() / 3)));
  }

  /** The closest candidate (case-insensitive) at most {@code maxDistance} edits away, or null. */
  public static String closest(String word, Collection<String> candidates, int maxDistance) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String w = word.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      int d = distance(w, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return bestDistance <= maxDistance ? best : null;
  }

  /** Damerau-Levenshtein distance (adjacent transpositions count as one edit). */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
