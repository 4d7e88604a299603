package io.logpro.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class TaxiColumnsTest {

  @Test
  void arrowSchemaFollowsTheSharedTypeConventions() {
    Schema schema = TaxiColumns.arrowSchema();
    assertThat(schema.getFields()).extracting(f -> f.getName()).containsExactlyElementsOf(TaxiColumns.NAMES);
    assertThat(schema.getFields()).allMatch(f -> f.isNullable());
    assertThat(schema.findField("VendorID").getType()).isEqualTo(new ArrowType.Int(32, true));
    assertThat(schema.findField("tpep_pickup_datetime").getType())
        .isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
    assertThat(schema.findField("fare_amount").getType())
        .isEqualTo(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
    assertThat(schema.findField("store_and_fwd_flag").getType()).isEqualTo(ArrowType.Utf8.INSTANCE);
  }
}
