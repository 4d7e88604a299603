package io.logpro.cdc;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * What differs between the databases behind the one CDC source: the Debezium connector, how a
 * change names its table and transaction, its position columns, and the key that orders its
 * changes in the stream (see {@link CdcPositions}).
 */
sealed interface CdcDialect permits PostgresDialect, MySqlDialect, SqlServerDialect {

  /** The {@code type:} of the source ("postgres_cdc"); also the first part of its partitions. */
  String type();

  String connectorClass();

  /** "schema.table" or "db.table" from the change's source block. */
  String tableName(Struct source);

  /** The source transaction of the change, or null. */
  String txId(Struct source);

  /** The source position columns that follow the common metadata columns. */
  List<Field> positionFields();

  /** Writes the position columns of one row; {@code first} is the index of the first position column. */
  void writePosition(VectorSchemaRoot root, int first, int row, Struct source);

  /**
   * The change's place in the stream as unsigned numbers compared left to right; strictly
   * increasing from one change to the next, except that several changes may share one key when
   * the database logs them as one record (PostgreSQL's multi-row inserts). Equal for the same
   * change when Debezium delivers it again.
   */
  long[] changeKey(Struct source, Map<String, ?> offset);

  /** The sequence of a streamed change when it can be computed from its key alone. */
  default OptionalLong packedSequence(long[] key) {
    return OptionalLong.empty();
  }

  /**
   * Whether a delete of {@code table} ("schema.table") carries the whole old row; when not, the
   * converter writes only its key columns (Debezium fills the others with stand-ins).
   */
  default boolean deletesCarryOldRow(String table) {
    return true;
  }

  /** Releases what the dialect holds (a catalog connection). */
  default void close() {}

  /** The stored offset as Debezium should see it when it resumes (a copy when it changes it). */
  default Map<String, Object> resumeOffset(Map<String, Object> stored) {
    return stored;
  }
}
