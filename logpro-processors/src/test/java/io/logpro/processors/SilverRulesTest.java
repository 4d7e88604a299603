package io.logpro.processors;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Batch;
import io.logpro.api.config.MapConfig;
import io.logpro.api.processor.Processor;
import io.logpro.processors.derive.DeriveProcessorFactory;
import io.logpro.processors.validate.ValidateProcessorFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The taxi Silver layer: the exact rules and derived columns of the reference pipeline. */
class SilverRulesTest {
  private final RootAllocator allocator = new RootAllocator();
  private final TestContext context = new TestContext(allocator);

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  /** The Silver rules as the YAML loader hands them over. */
  static Map<String, Object> silverRules() {
    return Map.of("rules", List.of(
        Map.of("not_null", List.of("VendorID", "tpep_pickup_datetime", "tpep_dropoff_datetime", "PULocationID",
            "DOLocationID", "trip_distance", "fare_amount", "total_amount")),
        Map.of("range", Map.of("column", "trip_distance", "min", 0L)),
        Map.of("range", Map.of("column", "fare_amount", "min", 0L)),
        Map.of("range", Map.of("column", "tpep_pickup_datetime", "min", "2024-01-01 00:00:00",
            "max", "2025-01-01 00:00:00", "max_inclusive", false)),
        Map.of("compare", Map.of("left", "tpep_dropoff_datetime", "op", ">=", "right", "tpep_pickup_datetime"))));
  }

  static Map<String, Object> silverColumns() {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("trip_duration_min", "minutes_between(tpep_pickup_datetime, tpep_dropoff_datetime)");
    columns.put("avg_speed_mph", "trip_distance / (trip_duration_min / 60)");
    columns.put("tip_pct", "tip_amount / fare_amount * 100");
    return Map.of("columns", columns);
  }

  static Processor validate() {
    var f = new ValidateProcessorFactory();
    return f.create(MapConfig.of(f.spec(), silverRules()));
  }

  static Processor derive() {
    var f = new DeriveProcessorFactory();
    return f.create(MapConfig.of(f.spec(), silverColumns()));
  }

  private Batch taxi() {
    var root = Batches.with(allocator)
        .int64("VendorID", 1L, null, 2L, 1L, 2L, 1L, 2L, 1L, 2L, 1L, 2L, 1L, 2L, 1L)
        .timestamp("tpep_pickup_datetime",
            "2024-01-15 08:00:00", "2024-01-15 08:00:00", "2024-01-15 08:00:00", "2024-01-15 08:00:00",
            "2024-01-15 08:00:00", "2023-12-31 23:59:00", "2025-01-01 00:00:00", "2024-03-01 12:00:00",
            "2024-03-01 12:00:00", "2024-05-05 05:05:05", null, "2024-07-04 18:00:00",
            "2024-12-31 23:59:59", "2024-01-15 08:00:00")
        .timestamp("tpep_dropoff_datetime",
            "2024-01-15 08:30:00", "2024-01-15 08:30:00", "2024-01-15 08:30:00", "2024-01-15 08:30:00",
            "2024-01-15 08:30:00", "2024-01-01 00:10:00", "2025-01-01 00:20:00", "2024-03-01 11:50:00",
            "2024-03-01 11:00:00", "2024-05-05 05:05:05", "2024-01-15 08:30:00", "2024-07-04 18:15:00",
            "2025-01-01 00:09:59", "2024-01-15 08:30:00")
        .int64("PULocationID", 100L, 100L, 100L, 100L, 100L, 100L, 100L, 100L, 100L, 100L, 100L, 100L, 100L, 100L)
        .int64("DOLocationID", 200L, 200L, 200L, 200L, 200L, 200L, 200L, 200L, 200L, 200L, 200L, 200L, 200L, null)
        .int64("passenger_count", 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, null, 2L, 1L)
        .float64("trip_distance", 5.0, 5.0, 5.0, -1.5, 5.0, 1.0, 1.0, 1.0, -2.0, 0.0, 5.0, 3.0, 2.5, 5.0)
        .float64("fare_amount", 20.0, 20.0, null, 20.0, -12.5, 8.0, 8.0, 8.0, -3.0, 0.0, 20.0, 15.0, 12.0, 20.0)
        .float64("tip_amount", 4.0, 4.0, 4.0, 4.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0, 1.2, 0.0)
        .float64("total_amount", 26.0, 26.0, 26.0, 26.0, -10.0, 9.0, 9.0, 9.0, -2.0, 1.0, 21.0, 19.0, 14.0, null)
        .utf8("store_and_fwd_flag", "N", "N", "N", "N", "N", "N", "N", "N", "Y", "N", "N", null, "N", "N")
        .root();
    return new Batch(root, null, null);
  }

  @Test
  void validateKeepsCleanRowsAndRejectsEachDirtyRowWithItsRules() throws Exception {
    try (Batch out = validate().process(taxi(), context)) {
      assertThat(column(out, "VendorID")).hasSize(4);
      assertThat(column(out, "tpep_pickup_datetime")).hasSize(4);
      assertThat(column(out, "trip_distance")).containsExactly(5.0, 0.0, 3.0, 2.5); // rows 0, 9, 11, 12
    }
    String pickupRange = "range(2024-01-01 00:00:00 <= tpep_pickup_datetime < 2025-01-01 00:00:00) failed";
    String dropoffAfterPickup = "compare(tpep_dropoff_datetime >= tpep_pickup_datetime) failed";
    assertThat(context.rejects).containsExactly(
        new TestContext.Reject(1, "not_null(VendorID) failed"),
        new TestContext.Reject(2, "not_null(fare_amount) failed"),
        new TestContext.Reject(3, "range(trip_distance >= 0) failed: -1.5"),
        new TestContext.Reject(4, "range(fare_amount >= 0) failed: -12.5"),
        new TestContext.Reject(5, pickupRange + ": 2023-12-31 23:59:00"),
        new TestContext.Reject(6, pickupRange + ": 2025-01-01 00:00:00"),
        new TestContext.Reject(7, dropoffAfterPickup),
        new TestContext.Reject(8, "range(trip_distance >= 0) failed: -2.0; range(fare_amount >= 0) failed: -3.0; " + dropoffAfterPickup),
        new TestContext.Reject(10, "not_null(tpep_pickup_datetime) failed"),
        new TestContext.Reject(13, "not_null(DOLocationID) failed; not_null(total_amount) failed"));
  }

  @Test
  void deriveAddsDurationSpeedAndTipShare() throws Exception {
    Processor validate = validate();
    Processor derive = derive();
    try (Batch out = derive.process(validate.process(taxi(), context), context)) {
      var fields = out.root().getSchema().getFields();
      assertThat(fields).hasSize(14);
      assertThat(fields.get(11).getName()).isEqualTo("trip_duration_min");
      assertThat(fields.get(12).getName()).isEqualTo("avg_speed_mph");
      assertThat(fields.get(13).getName()).isEqualTo("tip_pct");
      for (int i = 11; i < 14; i++) {
        assertThat(fields.get(i).getType()).isEqualTo(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
      }
      // rows: clean 30-minute trip, zero-duration zero-fare trip, 15-minute trip, 10-minute trip over new year
      assertThat(column(out, "trip_duration_min")).containsExactly(30.0, 0.0, 15.0, 10.0);
      assertThat(column(out, "avg_speed_mph")).containsExactly(10.0, null, 12.0, 15.0);
      assertThat(column(out, "tip_pct")).containsExactly(20.0, null, 20.0, 10.0);
    }
  }

  private static List<Object> column(Batch b, String name) {
    FieldVector v = b.root().getVector(name);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < b.rowCount(); i++) {
      Object o = v.getObject(i);
      out.add(o instanceof Double d ? Math.round(d * 1e9) / 1e9 : o);
    }
    return out;
  }
}
