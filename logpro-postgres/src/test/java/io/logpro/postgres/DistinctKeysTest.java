package io.logpro.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.Test;

class DistinctKeysTest {

  @Test
  void agreesWithAHashSetOnRandomKeysAndSelections() {
    Random random = new Random(5);
    DistinctKeys distinct = new DistinctKeys();
    try (var alloc = new RootAllocator(); var keys = new BigIntVector("id", alloc)) {
      for (int round = 0; round < 500; round++) {
        int n = 1 + random.nextInt(3_000);
        int domain = random.nextBoolean() ? n * 50 : n;
        keys.reset();
        for (int i = 0; i < n; i++) {
          if (random.nextInt(2_000) == 0) keys.setNull(i);
          else keys.setSafe(i, random.nextInt(domain) - domain / 2L);
        }
        keys.setValueCount(n);
        int[] rows = random.ints(random.nextInt(n + 1), 0, n).distinct().toArray();
        int from = rows.length == 0 ? 0 : random.nextInt(rows.length);
        Set<Long> seen = new HashSet<>();
        boolean expected = true;
        for (int k = from; k < rows.length; k++) {
          if (keys.isNull(rows[k]) || !seen.add(keys.get(rows[k]))) expected = false;
        }
        assertThat(distinct.distinct(keys, rows, from, rows.length)).isEqualTo(expected);
      }
    }
  }
}
