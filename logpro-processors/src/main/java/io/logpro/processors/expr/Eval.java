package io.logpro.processors.expr;

import java.util.function.Function;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A typed node of a compiled expression: evaluates all rows of a batch at once. */
interface Eval {
  VType type();

  Col eval(Ctx ctx);

  static Eval of(VType type, Function<Ctx, Col> body) {
    return new Eval() {
      @Override
      public VType type() {
        return type;
      }

      @Override
      public Col eval(Ctx ctx) {
        return body.apply(ctx);
      }
    };
  }

  /** One evaluation over one batch: the row count and the columns read so far (each read once). */
  final class Ctx {
    final VectorSchemaRoot root;
    final int n;
    private final Col[] columns;

    Ctx(VectorSchemaRoot root) {
      this.root = root;
      this.n = root.getRowCount();
      this.columns = new Col[root.getFieldVectors().size()];
    }

    Col column(int index, VType type) {
      Col c = columns[index];
      if (c == null) {
        FieldVector v = root.getVector(index);
        c = VectorIO.read(v, type, n);
        columns[index] = c;
      }
      return c;
    }
  }
}
