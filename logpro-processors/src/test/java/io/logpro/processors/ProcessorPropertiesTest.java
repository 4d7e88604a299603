package io.logpro.processors;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Batch;
import io.logpro.api.config.MapConfig;
import io.logpro.api.processor.Processor;
import io.logpro.processors.derive.DeriveProcessorFactory;
import io.logpro.processors.filter.FilterProcessorFactory;
import io.logpro.processors.validate.ValidateProcessorFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.Test;

/** Random batches with random NULLs: every row comes out or is rejected exactly once, and nothing leaks. */
class ProcessorPropertiesTest {
  private static final int ROUNDS = 200;

  private static Batch randomBatch(RootAllocator allocator, Random random) {
    int n = random.nextInt(300);
    double nullShare = random.nextDouble() * 0.4;
    Long[] a = new Long[n];
    Double[] b = new Double[n];
    String[] s = new String[n];
    String[] t = new String[n];
    for (int i = 0; i < n; i++) {
      a[i] = random.nextDouble() < nullShare ? null : (long) random.nextInt(21) - 10;
      b[i] = random.nextDouble() < nullShare ? null : random.nextInt(5) == 0 ? 0.0 : random.nextGaussian() * 50;
      s[i] = random.nextDouble() < nullShare ? null : "v" + random.nextInt(5);
      t[i] = random.nextDouble() < nullShare ? null : String.format("2024-%02d-%02d 12:00:00", 1 + random.nextInt(12), 1 + random.nextInt(28));
    }
    return new Batch(Batches.with(allocator).int64("a", a).float64("b", b).utf8("s", s).timestamp("t", t).root(), null, null);
  }

  @Test
  void filterKeepsExactlyTheRowsWherePredicateIsTrueAndRejectsTheRest() throws Exception {
    var f = new FilterProcessorFactory();
    Processor filter = f.create(MapConfig.of(f.spec(), Map.of("where", "a > 0 AND b < 50 OR s = 'v1'", "on_false", "dlq")));
    Random random = new Random(42);
    for (int round = 0; round < ROUNDS; round++) {
      try (RootAllocator allocator = new RootAllocator()) {
        TestContext context = new TestContext(allocator);
        Batch in = randomBatch(allocator, random);
        int n = in.rowCount();
        int expected = 0;
        BigIntVector a = (BigIntVector) in.root().getVector("a");
        Float8Vector b = (Float8Vector) in.root().getVector("b");
        var s = in.root().getVector("s");
        for (int i = 0; i < n; i++) {
          boolean left = !a.isNull(i) && a.get(i) > 0 && !b.isNull(i) && b.get(i) < 50;
          boolean right = !s.isNull(i) && s.getObject(i).toString().equals("v1");
          if (left || right) expected++;
        }
        try (Batch out = filter.process(in, context)) {
          assertThat(out.rowCount()).isEqualTo(expected);
          assertThat(out.rowCount() + context.rejects.size()).isEqualTo(n);
          assertThat(new HashSet<>(context.rejectedRows())).hasSize(context.rejects.size());
        }
      }
    }
  }

  @Test
  void validateRejectsEachFailingRowOnceAndKeepsTheRest() throws Exception {
    var f = new ValidateProcessorFactory();
    Processor validate = f.create(MapConfig.of(f.spec(), Map.of("rules", List.of(
        Map.of("not_null", List.of("a", "t")),
        Map.of("range", Map.of("column", "b", "min", -40L, "max", 40L)),
        Map.of("range", Map.of("column", "t", "min", "2024-03-01", "max", "2024-11-01", "max_inclusive", false)),
        Map.of("check", "s != 'v0'")))));
    Random random = new Random(7);
    for (int round = 0; round < ROUNDS; round++) {
      try (RootAllocator allocator = new RootAllocator()) {
        TestContext context = new TestContext(allocator);
        Batch in = randomBatch(allocator, random);
        int n = in.rowCount();
        try (Batch out = validate.process(in, context)) {
          assertThat(out.rowCount() + context.rejects.size()).isEqualTo(n);
          assertThat(new HashSet<>(context.rejectedRows())).hasSize(context.rejects.size());
          assertThat(out.root().getVector("a").getNullCount()).isZero();
          BigIntVector kept = (BigIntVector) out.root().getVector("a");
          Float8Vector b = (Float8Vector) out.root().getVector("b");
          for (int i = 0; i < out.rowCount(); i++) {
            assertThat(kept.isNull(i)).isFalse();
            if (!b.isNull(i)) assertThat(b.get(i)).isBetween(-40.0, 40.0);
          }
        }
      }
    }
  }

  @Test
  void deriveKeepsEveryRowAndNullsWhatCannotBeComputed() throws Exception {
    var f = new DeriveProcessorFactory();
    Map<String, Object> columns = new java.util.LinkedHashMap<>();
    columns.put("q", "a / b");
    columns.put("label", "CASE WHEN q > 0 THEN upper(s) ELSE concat(s, '-', a) END");
    columns.put("m", "month(t)");
    Processor derive = f.create(MapConfig.of(f.spec(), Map.of("columns", columns)));
    Random random = new Random(99);
    for (int round = 0; round < ROUNDS; round++) {
      try (RootAllocator allocator = new RootAllocator()) {
        TestContext context = new TestContext(allocator);
        Batch in = randomBatch(allocator, random);
        int n = in.rowCount();
        long[] a = new long[n];
        double[] b = new double[n];
        boolean[] defined = new boolean[n];
        for (int i = 0; i < n; i++) {
          var av = (BigIntVector) in.root().getVector("a");
          var bv = (Float8Vector) in.root().getVector("b");
          defined[i] = !av.isNull(i) && !bv.isNull(i) && bv.get(i) != 0;
          if (defined[i]) {
            a[i] = av.get(i);
            b[i] = bv.get(i);
          }
        }
        try (Batch out = derive.process(in, context)) {
          assertThat(out.rowCount()).isEqualTo(n);
          assertThat(context.rejects).isEmpty();
          Float8Vector q = (Float8Vector) out.root().getVector("q");
          for (int i = 0; i < n; i++) {
            if (defined[i]) assertThat(q.get(i)).isEqualTo(a[i] / b[i]);
            else assertThat(q.isNull(i)).isTrue();
          }
        }
      }
    }
  }
}
