package io.logpro.bench.postgres;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.generate.TaxiColumns;
import io.logpro.generate.TaxiGenerator;
import io.logpro.generate.TaxiTrip;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Generated taxi trips (logpro-generate, seed 42, dirty rows and nulls included) as Arrow
 * batches in logpro's taxi schema ({@link TaxiColumns#arrowSchema()}), with a leading
 * {@code trip_id} (Int64, the row number) to upsert by. Built once before anything is timed.
 */
final class TaxiBatches {
  static final String TRIP_ID = "trip_id";

  private TaxiBatches() {}

  static Schema schema() {
    List<Field> fields = new ArrayList<>();
    fields.add(new Field(TRIP_ID, FieldType.notNullable(new ArrowType.Int(64, true)), null));
    fields.addAll(TaxiColumns.arrowSchema().getFields());
    return new Schema(fields);
  }

  /** Rows {@code [from, from + rows)} in batches of {@code batchRows}; each batch covers its last row's position. */
  static List<Batch> generate(BufferAllocator allocator, long from, long rows, int batchRows) {
    TaxiGenerator generator = new TaxiGenerator(42);
    Schema schema = schema();
    List<Batch> out = new ArrayList<>();
    for (long start = from; start < from + rows; start += batchRows) {
      int n = (int) Math.min(batchRows, from + rows - start);
      VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
      root.allocateNew();
      for (int i = 0; i < n; i++) fill(root, i, start + i, generator.trip(start + i));
      for (FieldVector v : root.getFieldVectors()) v.setValueCount(n);
      root.setRowCount(n);
      out.add(new Batch(root, null, Checkpoint.of(Position.of("taxi", start + n))));
    }
    return out;
  }

  private static void fill(VectorSchemaRoot root, int i, long id, TaxiTrip t) {
    ((BigIntVector) root.getVector(0)).setSafe(i, id);
    integer(root, 1 + TaxiColumns.VENDOR_ID, i, t.vendorId());
    time(root, 1 + TaxiColumns.PICKUP, i, t.pickup());
    time(root, 1 + TaxiColumns.DROPOFF, i, t.dropoff());
    integer(root, 1 + TaxiColumns.PASSENGER_COUNT, i, t.passengerCount());
    decimal(root, 1 + TaxiColumns.TRIP_DISTANCE, i, t.tripDistance());
    integer(root, 1 + TaxiColumns.RATECODE_ID, i, t.ratecodeId());
    VarCharVector flag = (VarCharVector) root.getVector(1 + TaxiColumns.STORE_AND_FWD_FLAG);
    if (t.storeAndFwdFlag() == null) flag.setNull(i);
    else flag.setSafe(i, t.storeAndFwdFlag().getBytes(StandardCharsets.UTF_8));
    integer(root, 1 + TaxiColumns.PU_LOCATION_ID, i, t.puLocationId());
    integer(root, 1 + TaxiColumns.DO_LOCATION_ID, i, t.doLocationId());
    integer(root, 1 + TaxiColumns.PAYMENT_TYPE, i, t.paymentType());
    decimal(root, 1 + TaxiColumns.FARE_AMOUNT, i, t.fareAmount());
    decimal(root, 1 + TaxiColumns.EXTRA, i, t.extra());
    decimal(root, 1 + TaxiColumns.MTA_TAX, i, t.mtaTax());
    decimal(root, 1 + TaxiColumns.TIP_AMOUNT, i, t.tipAmount());
    decimal(root, 1 + TaxiColumns.TOLLS_AMOUNT, i, t.tollsAmount());
    decimal(root, 1 + TaxiColumns.IMPROVEMENT_SURCHARGE, i, t.improvementSurcharge());
    decimal(root, 1 + TaxiColumns.TOTAL_AMOUNT, i, t.totalAmount());
    decimal(root, 1 + TaxiColumns.CONGESTION_SURCHARGE, i, t.congestionSurcharge());
    decimal(root, 1 + TaxiColumns.AIRPORT_FEE, i, t.airportFee());
  }

  private static void integer(VectorSchemaRoot root, int col, int i, Integer v) {
    IntVector vector = (IntVector) root.getVector(col);
    if (v == null) vector.setNull(i);
    else vector.setSafe(i, v);
  }

  private static void decimal(VectorSchemaRoot root, int col, int i, Double v) {
    Float8Vector vector = (Float8Vector) root.getVector(col);
    if (v == null) vector.setNull(i);
    else vector.setSafe(i, v);
  }

  private static void time(VectorSchemaRoot root, int col, int i, LocalDateTime v) {
    TimeStampMicroVector vector = (TimeStampMicroVector) root.getVector(col);
    if (v == null) {
      vector.setNull(i);
    } else {
      vector.setSafe(i, v.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + v.getNano() / 1_000);
    }
  }
}
