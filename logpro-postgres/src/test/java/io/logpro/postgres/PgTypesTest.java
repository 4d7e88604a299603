package io.logpro.postgres;

import static io.logpro.postgres.ArrowRows.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.postgres.copy.PgType;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

class PgTypesTest {

  private static String columnType(ArrowType t) {
    return PgTypes.columnType(field("c", t)).sql();
  }

  @Test
  void createdColumnsFollowTheArrowTypes() {
    assertThat(columnType(new ArrowType.Int(8, true))).isEqualTo("smallint");
    assertThat(columnType(new ArrowType.Int(16, true))).isEqualTo("smallint");
    assertThat(columnType(new ArrowType.Int(32, true))).isEqualTo("integer");
    assertThat(columnType(new ArrowType.Int(64, true))).isEqualTo("bigint");
    assertThat(columnType(new ArrowType.Int(64, false))).isEqualTo("numeric(20,0)");
    assertThat(columnType(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE))).isEqualTo("real");
    assertThat(columnType(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))).isEqualTo("double precision");
    assertThat(columnType(ArrowType.Bool.INSTANCE)).isEqualTo("boolean");
    assertThat(columnType(new ArrowType.Decimal(12, 2, 128))).isEqualTo("numeric(12,2)");
    assertThat(columnType(ArrowType.Utf8.INSTANCE)).isEqualTo("text");
    assertThat(columnType(ArrowType.LargeUtf8.INSTANCE)).isEqualTo("text");
    assertThat(columnType(ArrowType.Binary.INSTANCE)).isEqualTo("bytea");
    assertThat(columnType(new ArrowType.Date(DateUnit.DAY))).isEqualTo("date");
    assertThat(columnType(new ArrowType.Date(DateUnit.MILLISECOND))).isEqualTo("date");
    assertThat(columnType(new ArrowType.Time(TimeUnit.MICROSECOND, 64))).isEqualTo("time without time zone");
    assertThat(columnType(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null))).isEqualTo("timestamp without time zone");
    assertThat(columnType(new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC"))).isEqualTo("timestamp with time zone");
    assertThat(columnType(new ArrowType.Duration(TimeUnit.MICROSECOND))).isEqualTo("interval");
    assertThat(PgTypes.columnType(ArrowRows.list("c", field("item", new ArrowType.Int(64, true)))).sql()).isEqualTo("bigint[]");
  }

  @Test
  void theSourcesDeclaredTypeRefinesText() {
    for (String t : List.of("uuid", "json", "jsonb", "xml", "inet")) {
      assertThat(PgTypes.columnType(field("c", ArrowType.Utf8.INSTANCE, Map.of("logpro.sql_type", t))).sql()).isEqualTo(t);
    }
    assertThat(PgTypes.columnType(field("c", ArrowType.Utf8.INSTANCE, Map.of("logpro.sql_type", "VARCHAR"))).sql()).isEqualTo("character varying");
    assertThat(PgTypes.columnType(field("c", ArrowType.Utf8.INSTANCE, Map.of("logpro.sql_type", "enum"))).sql()).as("unknown: text").isEqualTo("text");
    assertThat(PgTypes.columnType(field("c", new ArrowType.Int(32, true), Map.of("logpro.sql_type", "uuid"))).sql()).isEqualTo("integer");
    Field uuids = ArrowRows.list("c", field("item", ArrowType.Utf8.INSTANCE), Map.of("logpro.sql_type", "_uuid"));
    assertThat(PgTypes.columnType(uuids).sql()).isEqualTo("uuid[]");
  }

  @Test
  void aStructHasNoColumnType() {
    Field struct = new Field("s", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(field("a", new ArrowType.Int(32, true))));
    assertThatThrownBy(() -> PgTypes.columnType(struct)).hasMessageContaining("column s").hasMessageContaining("exclude");
  }

  private static PgType type(ArrowType t) {
    return PgTypes.columnType(field("c", t));
  }

  @Test
  void widensOnlySafely() {
    PgType int2 = type(new ArrowType.Int(16, true));
    PgType int4 = type(new ArrowType.Int(32, true));
    PgType int8 = type(new ArrowType.Int(64, true));
    PgType float4 = type(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
    PgType float8 = type(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
    assertThat(PgTypes.widening(int2, int4)).isEqualTo(int4);
    assertThat(PgTypes.widening(int2, int8)).isEqualTo(int8);
    assertThat(PgTypes.widening(int4, int8)).isEqualTo(int8);
    assertThat(PgTypes.widening(int8, int4)).isNull();
    assertThat(PgTypes.widening(int4, int4)).isNull();
    assertThat(PgTypes.widening(float4, float8)).isEqualTo(float8);
    assertThat(PgTypes.widening(int4, float8)).as("not a widening").isNull();
    assertThat(PgTypes.widening(PgTypes.numeric(5, 2), PgTypes.numeric(12, 4)).sql()).isEqualTo("numeric(12,4)");
    assertThat(PgTypes.widening(PgTypes.numeric(10, 2), PgTypes.numeric(10, 4)).sql()).as("keeps 8 integer digits").isEqualTo("numeric(12,4)");
    assertThat(PgTypes.widening(PgTypes.numeric(12, 4), PgTypes.numeric(5, 2))).isNull();
  }

  @Test
  void castsExistIntoTextFromTextAndWithinNumbersAndDates() {
    PgType text = type(ArrowType.Utf8.INSTANCE);
    PgType int4 = type(new ArrowType.Int(32, true));
    PgType bytea = type(ArrowType.Binary.INSTANCE);
    PgType date = type(new ArrowType.Date(DateUnit.DAY));
    PgType ts = type(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
    assertThat(PgTypes.castable(bytea, text)).isTrue();
    assertThat(PgTypes.castable(text, int4)).isTrue();
    assertThat(PgTypes.castable(int4, PgTypes.numeric(4, 1))).isTrue();
    assertThat(PgTypes.castable(ts, date)).isTrue();
    assertThat(PgTypes.castable(bytea, int4)).isFalse();
    assertThat(PgTypes.castable(date, int4)).isFalse();
  }
}
