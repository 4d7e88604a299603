package io.logpro.processors.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.Batch;
import io.logpro.api.config.ConfigException;
import io.logpro.api.config.MapConfig;
import io.logpro.api.processor.Processor;
import io.logpro.processors.Batches;
import io.logpro.processors.TestContext;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ValidateProcessorTest {
  private final RootAllocator allocator = new RootAllocator();
  private final TestContext context = new TestContext(allocator);

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private static Processor validate(Object... rules) {
    var f = new ValidateProcessorFactory();
    return f.create(MapConfig.of(f.spec(), Map.of("rules", List.of(rules))));
  }

  private Batch batch() {
    return new Batch(Batches.with(allocator)
        .int64("n", 1L, 5L, 10L, null)
        .float64("x", 0.5, 7.0, -1.0, 2.0)
        .utf8("s", "a", "b", null, "d")
        .root(), null, null);
  }

  @Test
  void notNullRejectsMissingValues() throws Exception {
    try (Batch out = validate(Map.of("not_null", List.of("n", "s"))).process(batch(), context)) {
      assertThat(out.rowCount()).isEqualTo(2);
    }
    assertThat(context.rejects).containsExactly(
        new TestContext.Reject(2, "not_null(s) failed"), new TestContext.Reject(3, "not_null(n) failed"));
  }

  @Test
  void rangeHonoursInclusiveness() throws Exception {
    try (Batch out = validate(Map.of("range", Map.of("column", "n", "min", 1L, "max", 10L, "min_inclusive", false)))
        .process(batch(), context)) {
      assertThat(out.rowCount()).isEqualTo(3); // NULL passes; 10 passes (max inclusive by default)
    }
    assertThat(context.rejects).containsExactly(new TestContext.Reject(0, "range(1 < n <= 10) failed: 1"));
  }

  @Test
  void rangeWithOnlyMaxIsLabelledByMax() throws Exception {
    try (Batch out = validate(Map.of("range", Map.of("column", "x", "max", 5L, "max_inclusive", false))).process(batch(), context)) {
      assertThat(out.rowCount()).isEqualTo(3);
    }
    assertThat(context.reasons()).containsExactly("range(x < 5) failed: 7.0");
  }

  @Test
  void compareChecksTwoColumns() throws Exception {
    try (Batch out = validate(Map.of("compare", Map.of("left", "x", "op", "<", "right", "n"))).process(batch(), context)) {
      assertThat(out.rowCount()).isEqualTo(3);
    }
    assertThat(context.rejects).containsExactly(new TestContext.Reject(1, "compare(x < n) failed"));
  }

  @Test
  void checkIsNamedByNameOrText() throws Exception {
    try (Batch out = validate(Map.of("check", "x * 2 <= n", "name", "double_below_n"), Map.of("check", "s != 'b'"))
        .process(batch(), context)) {
      assertThat(out.rowCount()).isEqualTo(3);
    }
    assertThat(context.rejects).containsExactly(new TestContext.Reject(1, "check(double_below_n) failed; check(s != 'b') failed"));
  }

  @Test
  void passingBatchIsReturnedAsIs() throws Exception {
    Batch in = batch();
    Batch out = validate(Map.of("range", Map.of("column", "x", "min", -5L))).process(in, context);
    assertThat(out).isSameAs(in);
    out.release();
  }

  @Test
  void unknownColumnIsAConfigErrorWithSuggestion() {
    Processor p = validate(Map.of("not_null", List.of("nn")));
    assertThatThrownBy(() -> p.process(batch(), context))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("rules.not_null: unknown column 'nn' (did you mean 'n'?)");
  }

  @Test
  void badOperatorIsAConfigError() {
    assertThatThrownBy(() -> validate(Map.of("compare", Map.of("left", "x", "op", "=>", "right", "n"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("compare.op: expected one of = != <> < <= > >=, found '=>'");
  }

  @Test
  void ruleWithTwoKindsIsAConfigError() {
    assertThatThrownBy(() -> validate(Map.of("not_null", List.of("n"), "check", "n > 0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("expected exactly one of [not_null, range, compare, check]");
  }

  @Test
  void timestampBoundOnNumberColumnIsAConfigError() {
    Processor p = validate(Map.of("range", Map.of("column", "x", "min", "2024-01-01")));
    assertThatThrownBy(() -> p.process(batch(), context))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("rules.range: column 'x' holds numbers: expected a number bound, found '2024-01-01'");
  }

  @Test
  void checkThatIsNotAConditionIsAConfigError() {
    Processor p = validate(Map.of("check", "x + 1"));
    assertThatThrownBy(() -> p.process(batch(), context)).hasMessageContaining("rules.check: expected a condition");
  }
}
