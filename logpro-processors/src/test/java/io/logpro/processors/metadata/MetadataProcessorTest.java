package io.logpro.processors.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.DeadLetter;
import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.RowOrigins;
import io.logpro.api.config.MapConfig;
import io.logpro.api.processor.ProcessorContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class MetadataProcessorTest {

  private static ProcessorContext context(BufferAllocator allocator) {
    return new ProcessorContext() {
      @Override public String pipelineName() { return "p"; }
      @Override public String componentName() { return "metadata"; }
      @Override public BufferAllocator allocator() { return allocator; }
      @Override public void deadLetter(DeadLetter letter) {}
      @Override public void reject(Batch batch, int row, String error) {}
    };
  }

  private static Batch batch(BufferAllocator allocator, int rows) {
    VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(Field.nullable("v", new ArrowType.Int(64, true)))), allocator);
    BigIntVector v = (BigIntVector) root.getVector(0);
    v.allocateNew(rows);
    List<RawMessage> messages = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      v.set(i, i * 10);
      messages.add(new RawMessage(new byte[] {1}, 0, 1, ("k" + i).getBytes(), Map.of("trace", ("t\"" + i).getBytes()), 1_700_000_000_000L + i,
          Position.of("file-a", 100 + i), null));
    }
    root.setRowCount(rows);
    return new Batch(root, RowOrigins.identity(messages), Checkpoint.empty());
  }

  @Test
  void addsPartitionAndOffsetOfEachRowAfterItsColumns() throws Exception {
    try (BufferAllocator allocator = new RootAllocator()) {
      var p = new MetadataProcessorFactory().create(MapConfig.of(MetadataProcessorFactory.SPEC, Map.of()));
      try (Batch out = p.process(batch(allocator, 3), context(allocator))) {
        assertThat(out.root().getSchema().getFields()).extracting(Field::getName).containsExactly("v", "_partition", "_offset", "_ingested_at");
        assertThat(((VarCharVector) out.root().getVector("_partition")).getObject(2).toString()).isEqualTo("file-a");
        assertThat(((BigIntVector) out.root().getVector("_offset")).get(2)).isEqualTo(102);
        assertThat(((BigIntVector) out.root().getVector("v")).get(2)).isEqualTo(20);
      }
    }
  }

  @Test
  void keepsTheInputIntactForOtherHoldersOfASharedBatch() throws Exception {
    try (BufferAllocator allocator = new RootAllocator()) {
      var p = new MetadataProcessorFactory().create(MapConfig.of(MetadataProcessorFactory.SPEC, Map.of("columns", List.of("event_time", "key"))));
      Batch shared = batch(allocator, 4);
      try (Batch out = p.process(shared.retain(), context(allocator))) {
        assertThat(out.root().getVector("_event_time").getObject(1)).isNotNull();
        assertThat(out.root().getVector("_key").getObject(3)).isEqualTo("k3".getBytes());
        assertThat(((BigIntVector) shared.root().getVector("v")).get(3)).isEqualTo(30);
      }
      shared.release();
    }
  }

  @Test
  void headersBecomeAJsonObject() throws Exception {
    try (BufferAllocator allocator = new RootAllocator()) {
      var p = new MetadataProcessorFactory().create(MapConfig.of(MetadataProcessorFactory.SPEC, Map.of("columns", List.of("headers"))));
      try (Batch out = p.process(batch(allocator, 2), context(allocator))) {
        assertThat(out.root().getVector("_headers").getObject(1).toString()).isEqualTo("{\"trace\":\"t\\\"1\"}");
      }
    }
  }

  @Test
  void eventTimeCanComeFromATimestampColumn() throws Exception {
    try (BufferAllocator allocator = new RootAllocator()) {
      Schema schema = new Schema(List.of(Field.nullable("ts", new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.MICROSECOND, null))));
      VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
      var ts = (org.apache.arrow.vector.TimeStampMicroVector) root.getVector(0);
      ts.allocateNew(2);
      ts.set(0, 1_000_000L);
      ts.setNull(1);
      root.setRowCount(2);
      var messages = List.of(RawMessage.of(new byte[0], Position.of("p", 1)), RawMessage.of(new byte[0], Position.of("p", 2)));
      var p = new MetadataProcessorFactory().create(MapConfig.of(MetadataProcessorFactory.SPEC,
          Map.of("columns", List.of("event_time"), "event_time_column", "ts")));
      try (Batch out = p.process(new Batch(root, RowOrigins.identity(messages), Checkpoint.empty()), context(allocator))) {
        var et = (org.apache.arrow.vector.TimeStampMicroTZVector) out.root().getVector("_event_time");
        assertThat(et.get(0)).isEqualTo(1_000_000L);
        assertThat(et.isNull(1)).isTrue();
      }
    }
  }

  @Test
  void rejectsAnUnknownColumnName() {
    var cfg = MapConfig.of(MetadataProcessorFactory.SPEC, Map.of("columns", List.of("offsett")));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MetadataProcessorFactory().create(cfg))
        .hasMessageContaining("found 'offsett'");
  }
}
