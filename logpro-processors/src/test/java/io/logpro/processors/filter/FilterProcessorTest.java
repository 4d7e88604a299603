package io.logpro.processors.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.Batch;
import io.logpro.api.RawMessage;
import io.logpro.api.RowOrigins;
import io.logpro.api.config.ConfigException;
import io.logpro.api.config.MapConfig;
import io.logpro.api.processor.Processor;
import io.logpro.processors.Batches;
import io.logpro.processors.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FilterProcessorTest {
  private final RootAllocator allocator = new RootAllocator();
  private final TestContext context = new TestContext(allocator);

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private static Processor filter(Map<String, Object> config) {
    var factory = new FilterProcessorFactory();
    return factory.create(MapConfig.of(factory.spec(), config));
  }

  private Batch batch() {
    VectorSchemaRoot root = Batches.with(allocator)
        .int64("id", 1L, 2L, 3L, 4L, 5L)
        .float64("fare", 10.0, -1.0, null, 0.0, 7.5)
        .utf8("flag", "N", "Y", "N", null, "Y")
        .root();
    return new Batch(root, null, null);
  }

  private static List<Object> column(Batch b, String name) {
    List<Object> out = new ArrayList<>();
    var v = b.root().getVector(name);
    for (int i = 0; i < b.rowCount(); i++) out.add(v.isNull(i) ? null : v.getObject(i) instanceof org.apache.arrow.vector.util.Text t ? t.toString() : v.getObject(i));
    return out;
  }

  @Test
  void keepsRowsWherePredicateIsTrue() throws Exception {
    try (Batch out = filter(Map.of("where", "fare >= 0")).process(batch(), context)) {
      assertThat(column(out, "id")).containsExactly(1L, 4L, 5L);
      assertThat(column(out, "fare")).containsExactly(10.0, 0.0, 7.5);
      assertThat(column(out, "flag")).containsExactly("N", null, "Y");
    }
    assertThat(context.rejects).isEmpty();
  }

  @Test
  void nullPredicateDropsTheRow() throws Exception {
    try (Batch out = filter(Map.of("where", "fare > 5 OR fare < 5")).process(batch(), context)) {
      assertThat(column(out, "id")).containsExactly(1L, 2L, 4L, 5L);
    }
  }

  @Test
  void dlqModeRejectsFailingRowsWithTheExpression() throws Exception {
    try (Batch out = filter(Map.of("where", "fare >= 0", "on_false", "dlq")).process(batch(), context)) {
      assertThat(column(out, "id")).containsExactly(1L, 4L, 5L);
    }
    assertThat(context.rejectedRows()).containsExactly(1, 2);
    assertThat(context.reasons()).containsOnly("filter failed: fare >= 0");
  }

  @Test
  void batchWhereEveryRowPassesIsReturnedAsIs() throws Exception {
    Batch in = batch();
    Batch out = filter(Map.of("where", "id > 0")).process(in, context);
    assertThat(out).isSameAs(in);
    out.release();
  }

  @Test
  void batchWhereNoRowPassesGivesAnEmptyBatchThatKeepsPositions() throws Exception {
    try (Batch out = filter(Map.of("where", "id > 100")).process(batch(), context)) {
      assertThat(out.rowCount()).isZero();
      assertThat(out.root().getSchema().getFields()).hasSize(3);
    }
  }

  @Test
  void rowOriginsFollowTheKeptRows() throws Exception {
    List<RawMessage> messages = new ArrayList<>();
    for (int i = 0; i < 5; i++) messages.add(RawMessage.of(("m" + i).getBytes(), null));
    Batch in = new Batch(batch().root(), RowOrigins.identity(messages), null);
    try (Batch out = filter(Map.of("where", "flag = 'Y'")).process(in, context)) {
      assertThat(new String(out.origins().message(0).bytes())).isEqualTo("m1");
      assertThat(new String(out.origins().message(1).bytes())).isEqualTo("m4");
    }
  }

  @Test
  void syntaxErrorIsAConfigErrorAtWhere() {
    assertThatThrownBy(() -> filter(Map.of("where", "fare >= ")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("filter.where: expected a value, found end of expression at column 9");
  }

  @Test
  void unknownColumnIsAConfigErrorWithSuggestion() {
    Processor p = filter(Map.of("where", "fair >= 0"));
    assertThatThrownBy(() -> p.process(batch(), context))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("filter.where: unknown column 'fair' at column 1 (did you mean 'fare'?)");
  }

  @Test
  void nonBooleanWhereIsRejected() {
    Processor p = filter(Map.of("where", "fare * 2"));
    assertThatThrownBy(() -> p.process(batch(), context)).hasMessageContaining("expected a condition");
  }

  @Test
  void badOnFalseIsAConfigError() {
    assertThatThrownBy(() -> filter(Map.of("where", "id > 0", "on_false", "reject")))
        .hasMessageContaining("on_false: expected drop or dlq, found 'reject'");
  }
}
