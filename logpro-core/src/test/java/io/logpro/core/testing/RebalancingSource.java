package io.logpro.core.testing;

import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;
import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.config.FieldType;
import io.logpro.api.source.PartitionCoordinator;
import io.logpro.api.source.Rebalancing;
import io.logpro.api.source.Source;
import io.logpro.api.source.SourceChunk;
import io.logpro.api.source.SourceFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Test source that behaves like a consumer in a group: on its first read it is "assigned" its
 * partition and resumes where the coordinator says; after {@code revoke_at} records it "loses"
 * the partition: it asks for a flush, records what the sink held right then, and ends.
 */
public final class RebalancingSource implements Source, Rebalancing {
  public static volatile Checkpoint resumedAt;
  public static volatile Checkpoint heldAtRevocation;
  public static volatile long readBeforeRevocation;

  private final long revokeAt;
  private final String table;
  private PartitionCoordinator coordinator;
  private long next = 1;
  private boolean assigned;

  RebalancingSource(long revokeAt, String table) {
    this.revokeAt = revokeAt;
    this.table = table;
  }

  @Override
  public void bind(PartitionCoordinator coordinator) {
    this.coordinator = coordinator;
  }

  @Override
  public void open(PipelineContext context) {}

  @Override
  public SourceChunk read(int maxRecords, Duration maxWait) throws Exception {
    if (!assigned) {
      assigned = true;
      resumedAt = coordinator.assigned(Set.of(CountingSource.PARTITION));
      Position p = resumedAt.get(CountingSource.PARTITION);
      if (p != null) next = p.sequence() + 1;
    }
    if (next > revokeAt) {
      readBeforeRevocation = next - 1;
      coordinator.flushAndCommit();
      heldAtRevocation = MemorySink.table(table).checkpoint;
      return SourceChunk.END;
    }
    List<RawMessage> out = new ArrayList<>();
    while (next <= revokeAt && out.size() < Math.min(maxRecords, 50)) {
      out.add(RawMessage.of(Long.toString(next).getBytes(StandardCharsets.UTF_8), Position.of(CountingSource.PARTITION, next)));
      next++;
    }
    return new SourceChunk.Messages(out);
  }

  @Override
  public void close() {}

  public static final class Factory implements SourceFactory {
    @Override
    public ConfigSpec spec() {
      return ConfigSpec.builder("rebalancing", "Test source with a partition that is assigned, then revoked.")
          .field(FieldSpec.of("revoke_at", FieldType.LONG, "Revoke after this many records.").asRequired())
          .field(FieldSpec.string("table", "The memory table to look at on revocation.").asRequired())
          .build();
    }

    @Override
    public Source create(Config config) {
      return new RebalancingSource(config.longValue("revoke_at"), config.string("table"));
    }
  }
}
