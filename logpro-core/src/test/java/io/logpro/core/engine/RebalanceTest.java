package io.logpro.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.core.ComponentRegistry;
import io.logpro.core.config.Interpolator;
import io.logpro.core.config.PipelineLoader;
import io.logpro.core.testing.CountingSource;
import io.logpro.core.testing.MemorySink;
import io.logpro.core.testing.RebalancingSource;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RebalanceTest {
  @TempDir Path tmp;
  private final ComponentRegistry registry = ComponentRegistry.load();
  private final String id = UUID.randomUUID().toString().substring(0, 8);

  private PipelineResult run(long revokeAt) {
    String yaml = """
        pipeline: rebalance-%s
        source: {type: rebalancing, revoke_at: %d, table: t-%s, format: {type: number}}
        sinks:
          out: {type: memory, table: t-%s}
        reliability:
          dlq: {type: memory, table: dlq-%s}
          commit_interval: 1h
          state_dir: %s
        engine: {batch_rows: 64, linger: 10ms}
        """.formatted(id, revokeAt, id, id, id, tmp);
    return new Pipeline(new PipelineLoader(registry, Interpolator.fromEnvironment()).load(yaml, "t.yaml"), registry).run();
  }

  @Test
  void flushBeforeRevocationCommitsEverythingReadSoFar() {
    assertThat(run(1000).failure()).isNull();
    assertThat(RebalancingSource.readBeforeRevocation).isEqualTo(1000);
    // commit_interval is an hour: only the flush can have committed these
    assertThat(RebalancingSource.heldAtRevocation.get(CountingSource.PARTITION)).isEqualTo(Position.of(CountingSource.PARTITION, 1000));
    assertThat(MemorySink.table("t-" + id).rows).hasSize(1000);
  }

  @Test
  void aNewlyAssignedPartitionResumesWhereEverySinkHasCommitted() {
    MemorySink.table("t-" + id).checkpoint = Checkpoint.of(Position.of(CountingSource.PARTITION, 300));
    MemorySink.table("dlq-" + id).checkpoint = Checkpoint.of(Position.of(CountingSource.PARTITION, 250));
    assertThat(run(400).failure()).isNull();
    assertThat(RebalancingSource.resumedAt.get(CountingSource.PARTITION).sequence()).isEqualTo(250);
    // rows 251..300 were re-read but the sink already held them: it skipped them
    assertThat(MemorySink.table("t-" + id).rows).hasSize(100);
  }
}
