package io.logpro.processors.derive;

import io.logpro.api.Batch;
import io.logpro.api.config.Config;
import io.logpro.api.processor.ProcessorContext;
import io.logpro.processors.BatchProcessor;
import io.logpro.processors.Expressions;
import io.logpro.processors.Rows;
import io.logpro.processors.SchemaCache;
import io.logpro.processors.expr.CompiledExpression;
import io.logpro.processors.expr.ExpressionLanguage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Adds or replaces computed columns, in declaration order: a later column may use an earlier
 * one; an existing name is replaced in place, a new one is appended. A value that cannot be
 * computed (division by zero, overflow) is NULL; rows are never rejected here.
 */
public final class DeriveProcessor extends BatchProcessor {
  private final Map<String, String> columns;
  private final SchemaCache<Plan> plans;

  /** One derived column: its expression over the schema as it stands when it is computed, and its slot. */
  private record Step(String name, CompiledExpression expression, int replaces) {}

  /** Steps plus the output schema, for one input schema. */
  private record Plan(List<Step> steps, Schema output) {}

  public DeriveProcessor(Config config, Map<String, String> columns, ExpressionLanguage language) {
    this.columns = new LinkedHashMap<>(columns);
    columns.forEach((name, text) -> Expressions.checkSyntax(language, config, "columns." + name, text));
    this.plans = new SchemaCache<>(schema -> plan(schema, config, language));
  }

  private Plan plan(Schema input, Config config, ExpressionLanguage language) {
    List<Field> fields = new ArrayList<>(input.getFields());
    List<Step> steps = new ArrayList<>();
    for (var e : columns.entrySet()) {
      CompiledExpression expr = Expressions.compile(language, config, "columns." + e.getKey(), e.getValue(), new Schema(fields));
      Field field = Field.nullable(e.getKey(), expr.type());
      int replaces = -1;
      for (int i = 0; i < fields.size(); i++) if (fields.get(i).getName().equals(e.getKey())) replaces = i;
      if (replaces >= 0) fields.set(replaces, field);
      else fields.add(field);
      steps.add(new Step(e.getKey(), expr, replaces));
    }
    return new Plan(steps, new Schema(fields, input.getCustomMetadata()));
  }

  /** Pure: it computes columns from the row alone. */
  @Override
  public boolean sideEffectFree() {
    return true;
  }

  @Override
  protected Batch apply(Batch input, ProcessorContext context) {
    VectorSchemaRoot in = input.root();
    int n = in.getRowCount();
    Plan plan = plans.get(in.getSchema());
    List<FieldVector> current = new ArrayList<>(in.getFieldVectors());
    Set<FieldVector> computed = Collections.newSetFromMap(new IdentityHashMap<>());
    List<FieldVector> out = new ArrayList<>();
    try {
      for (Step step : plan.steps()) {
        // A view over the columns so far; not closed, it owns nothing.
        VectorSchemaRoot view = new VectorSchemaRoot(fieldsOf(current), current, n);
        FieldVector v = step.expression().evaluate(view, context.allocator(), step.name());
        computed.add(v);
        if (step.replaces() >= 0) current.set(step.replaces(), v);
        else current.add(v);
      }
      boolean exclusive = input.refCount() == 1;
      for (FieldVector v : current) {
        out.add(computed.contains(v) ? v : Rows.take(v, v.getName(), exclusive, n, context.allocator()));
      }
      computed.clear();
      return input.derive(new VectorSchemaRoot(plan.output(), out, n), input.origins());
    } catch (RuntimeException | Error e) {
      computed.forEach(FieldVector::close);
      out.stream().filter(v -> !computed.contains(v)).forEach(FieldVector::close);
      throw e;
    }
  }

  private static List<Field> fieldsOf(List<FieldVector> vectors) {
    List<Field> fields = new ArrayList<>(vectors.size());
    for (FieldVector v : vectors) fields.add(v.getField());
    return fields;
  }
}
