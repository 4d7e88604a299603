package io.logpro.postgres;

import io.logpro.postgres.copy.Codecs;
import io.logpro.postgres.copy.PgType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * How one batch column reaches its target column.
 *
 * @param index        the field's index in the batch schema
 * @param field        the Arrow field
 * @param target       the target column (its name may differ in case from the field's)
 * @param stageType    the staging column's type: the target's when the encoder writes it directly, else the Arrow type's
 * @param cast         whether the statement casts the staged value to the target type
 * @param codec        the encoder of the field's values into {@code stageType}
 * @param incompatible why no value of this Arrow type can go into the column (its non-null rows are rejected), or null
 */
record PlannedColumn(int index, Field field, TargetTable.Column target, PgType stageType, boolean cast, Codecs.Factory codec,
    String incompatible) {

  String name() {
    return target.name();
  }

  /** The value as the target takes it from staging alias {@code s}: {@code s."c"} or {@code CAST(s."c" AS type)}. */
  String valueFrom(String alias) {
    String ref = alias + "." + Sql.quote(name());
    return cast ? "CAST(" + ref + " AS " + target.type().sql() + ")" : ref;
  }
}
