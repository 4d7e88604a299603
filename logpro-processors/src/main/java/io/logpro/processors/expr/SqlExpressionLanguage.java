package io.logpro.processors.expr;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A small SQL-like expression language evaluated column-at-a-time over Arrow vectors: each node
 * turns a whole batch into one primitive array (see {@link Col}); no per-row objects on the
 * numeric, boolean and temporal paths.
 *
 * <p>Semantics follow PostgreSQL where it matters: three-valued logic, integer division for
 * integer operands, NULL from division by zero (rather than an error), least/greatest skip
 * NULLs, concat() treats NULL as empty while {@code ||} yields NULL. Timestamps with and without
 * zone are both micros since the epoch and compare with each other directly.
 */
public final class SqlExpressionLanguage implements ExpressionLanguage {
  static final SqlExpressionLanguage INSTANCE = new SqlExpressionLanguage();

  @Override
  public String name() {
    return "sql";
  }

  @Override
  public CompiledExpression compile(String text, Schema schema) {
    Ast ast = Parser.parse(text);
    Eval eval = new Compiler(text, schema).compile(ast);
    return new Compiled(text, eval);
  }

  @Override
  public void checkSyntax(String text) {
    Parser.parse(text);
  }

  @Override
  public String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  @Override
  public String quoteString(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }

  private record Compiled(String text, Eval eval) implements CompiledExpression {
    @Override
    public ArrowType type() {
      return eval.type().arrow;
    }

    @Override
    public FieldVector evaluate(VectorSchemaRoot root, BufferAllocator allocator, String name) {
      Eval.Ctx ctx = new Eval.Ctx(root);
      return VectorIO.write(eval.eval(ctx), eval.type(), ctx.n, name, allocator);
    }

    @Override
    public int select(VectorSchemaRoot root, int[] outRows) {
      if (!isPredicate()) throw new IllegalStateException("not a predicate (" + eval.type() + "): " + text);
      Eval.Ctx ctx = new Eval.Ctx(root);
      if (ctx.n > outRows.length) throw new IllegalArgumentException("outRows holds " + outRows.length + " rows, the batch has " + ctx.n);
      if (eval.type() == VType.NULL) return 0;
      Col.Bools b = (Col.Bools) eval.eval(ctx);
      boolean[] v = b.v();
      boolean[] nulls = b.nulls();
      int k = 0;
      if (nulls == null) {
        for (int i = 0; i < ctx.n; i++) if (v[i]) outRows[k++] = i;
      } else {
        for (int i = 0; i < ctx.n; i++) if (v[i] && !nulls[i]) outRows[k++] = i;
      }
      return k;
    }
  }
}
