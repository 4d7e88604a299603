package io.logpro.processors.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.Batch;
import io.logpro.api.config.ConfigException;
import io.logpro.api.config.MapConfig;
import io.logpro.api.processor.Processor;
import io.logpro.processors.Batches;
import io.logpro.processors.TestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeriveProcessorTest {
  private final RootAllocator allocator = new RootAllocator();
  private final TestContext context = new TestContext(allocator);

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private static Processor derive(String... nameThenExpression) {
    Map<String, Object> columns = new LinkedHashMap<>();
    for (int i = 0; i < nameThenExpression.length; i += 2) columns.put(nameThenExpression[i], nameThenExpression[i + 1]);
    var f = new DeriveProcessorFactory();
    return f.create(MapConfig.of(f.spec(), Map.of("columns", columns)));
  }

  private Batch batch() {
    return new Batch(Batches.with(allocator).int64("a", 1L, 2L, null).float64("b", 0.5, 0.0, 2.0).root(), null, null);
  }

  private static List<Object> column(Batch b, String name) {
    List<Object> out = new ArrayList<>();
    var v = b.root().getVector(name);
    for (int i = 0; i < b.rowCount(); i++) out.add(v.getObject(i));
    return out;
  }

  private static List<String> names(Batch b) {
    return b.root().getSchema().getFields().stream().map(Field::getName).toList();
  }

  @Test
  void appendsNewColumnsInDeclarationOrder() throws Exception {
    try (Batch out = derive("c", "a * 10", "d", "b + 1").process(batch(), context)) {
      assertThat(names(out)).containsExactly("a", "b", "c", "d");
      assertThat(column(out, "c")).containsExactly(10L, 20L, null);
      assertThat(column(out, "d")).containsExactly(1.5, 1.0, 3.0);
    }
  }

  @Test
  void laterColumnUsesAnEarlierOne() throws Exception {
    try (Batch out = derive("c", "a * 10", "e", "c + a").process(batch(), context)) {
      assertThat(column(out, "e")).containsExactly(11L, 22L, null);
    }
  }

  @Test
  void existingNameIsReplacedInPlace() throws Exception {
    try (Batch out = derive("a", "cast(a AS double) / 2").process(batch(), context)) {
      assertThat(names(out)).containsExactly("a", "b");
      assertThat(out.root().getVector("a").getField().getType()).isInstanceOf(ArrowType.FloatingPoint.class);
      assertThat(column(out, "a")).containsExactly(0.5, 1.0, null);
    }
  }

  @Test
  void divisionByZeroGivesNullInsteadOfRejecting() throws Exception {
    try (Batch out = derive("r", "a / b").process(batch(), context)) {
      assertThat(column(out, "r")).containsExactly(2.0, null, null);
    }
    assertThat(context.rejects).isEmpty();
  }

  @Test
  void sharedInputKeepsItsColumns() throws Exception {
    Batch in = batch();
    in.retain(); // someone else holds it too
    try (Batch out = derive("c", "a + 1").process(in, context)) {
      assertThat(column(out, "a")).containsExactly(1L, 2L, null);
      assertThat(column(in, "a")).containsExactly(1L, 2L, null);
    } finally {
      in.release();
    }
  }

  @Test
  void unknownColumnIsAConfigErrorAtTheColumnKey() {
    Processor p = derive("c", "a + 1 + bb");
    assertThatThrownBy(() -> p.process(batch(), context))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("derive.columns.c: unknown column 'bb' at column 9 (did you mean 'b'?)");
  }

  @Test
  void nonStringExpressionIsAConfigError() {
    var f = new DeriveProcessorFactory();
    assertThatThrownBy(() -> f.create(MapConfig.of(f.spec(), Map.of("columns", Map.of("c", List.of(1))))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("columns.c: expected an expression");
  }
}
