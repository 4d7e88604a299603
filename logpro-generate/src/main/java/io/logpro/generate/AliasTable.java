package io.logpro.generate;

/**
 * Draws an index with given weights in O(1) from one uniform double (Vose's alias method).
 * Hand-written because it is a dozen lines and sits on the generator's hot path, where a binary
 * search over cumulative weights cost more in branch misses than the rest of the row.
 */
final class AliasTable {
  private final double[] probability;
  private final int[] alias;

  AliasTable(double[] weights) {
    int n = weights.length;
    probability = new double[n];
    alias = new int[n];
    double sum = 0;
    for (double w : weights) sum += w;
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int s = 0;
    int l = 0;
    for (int i = 0; i < n; i++) {
      scaled[i] = weights[i] * n / sum;
      if (scaled[i] < 1.0) small[s++] = i;
      else large[l++] = i;
    }
    while (s > 0 && l > 0) {
      int less = small[--s];
      int more = large[--l];
      probability[less] = scaled[less];
      alias[less] = more;
      scaled[more] = scaled[more] + scaled[less] - 1.0;
      if (scaled[more] < 1.0) small[s++] = more;
      else large[l++] = more;
    }
    while (l > 0) probability[large[--l]] = 1.0;
    while (s > 0) probability[small[--s]] = 1.0; // only rounding leaves these
  }

  /** An index in [0, n) for a uniform {@code u} in [0, 1). */
  int draw(double u) {
    double x = u * probability.length;
    int i = (int) x;
    return x - i < probability[i] ? i : alias[i];
  }
}
