package io.logpro.formats.avro;

import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.avro.generic.IndexedRecord;

/** Writes whole Avro datums as rows of a root: a record's fields as columns, anything else as "value". */
final class AvroRows {
  private final org.apache.avro.Schema avro;
  private final AvroColumn[] columns;

  AvroRows(org.apache.avro.Schema avro, VectorSchemaRoot root, int capacity) {
    this.avro = avro;
    List<FieldVector> vs = root.getFieldVectors();
    columns = new AvroColumn[vs.size()];
    for (int i = 0; i < columns.length; i++) {
      FieldVector v = vs.get(i);
      v.setInitialCapacity(Math.max(1, capacity));
      v.allocateNew();
      columns[i] = AvroColumn.of(v, avro.getType() == org.apache.avro.Schema.Type.RECORD ? avro.getFields().get(i).schema() : avro);
    }
  }

  void write(Object datum, int row) {
    if (avro.getType() == org.apache.avro.Schema.Type.RECORD) {
      IndexedRecord r = (IndexedRecord) datum;
      for (int c = 0; c < columns.length; c++) columns[c].write(r.get(c), row);
    } else {
      columns[0].write(datum, row);
    }
  }
}
