package io.logpro.processors.expr;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * An expression compiled against one schema. Evaluates a whole batch at a time. Instances are
 * immutable and may be shared between threads.
 */
public interface CompiledExpression {

  /** The text it was compiled from. */
  String text();

  /** The Arrow type of the values it produces ({@link ArrowType.Null} for a bare NULL). */
  ArrowType type();

  /** True when the result is a boolean (or NULL), so {@link #select} may be used. */
  default boolean isPredicate() {
    return type() instanceof ArrowType.Bool || type() instanceof ArrowType.Null;
  }

  /**
   * Evaluates over every row of {@code root} into a new vector of {@code root.getRowCount()}
   * values named {@code name}, allocated from {@code allocator}; the caller owns it.
   */
  FieldVector evaluate(VectorSchemaRoot root, BufferAllocator allocator, String name);

  /** {@link #evaluate(VectorSchemaRoot, BufferAllocator, String)} named after the text. */
  default FieldVector evaluate(VectorSchemaRoot root, BufferAllocator allocator) {
    return evaluate(root, allocator, text());
  }

  /**
   * For predicates: writes the indexes of the rows where the value is TRUE (NULL and FALSE are
   * not) to {@code outRows} in ascending order and returns how many there are. {@code outRows}
   * must hold at least {@code root.getRowCount()} entries.
   */
  int select(VectorSchemaRoot root, int[] outRows);
}
