package io.logpro.core.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.core.config.PipelineDefinition;
import io.logpro.core.engine.Pipeline;
import io.logpro.core.engine.PipelineStats;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/** The state of a pipeline as the JSON of {@code GET /api/pipeline}. */
public final class PipelineStatus {
  private static final JsonFactory JSON = new JsonFactory();

  private PipelineStatus() {}

  public static String json(Pipeline pipeline) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      write(g, pipeline);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, Pipeline pipeline) throws IOException {
    PipelineDefinition def = pipeline.definition();
    PipelineStats s = pipeline.stats();
    g.writeStartObject();
    g.writeStringField("name", def.name());
    g.writeStringField("state", pipeline.state().name());
    g.writeNumberField("uptime_seconds", round(s.elapsedSeconds()));
    g.writeStringField("started_at", Instant.ofEpochMilli(s.startMillis()).toString());

    g.writeObjectFieldStart("source");
    g.writeStringField("type", def.source().type());
    g.writeNumberField("records_read", s.recordsRead.get());
    g.writeNumberField("bytes_read", s.bytesRead.get());
    long lag = pipeline.lagging().map(l -> l.recordsBehind()).orElse(-1L);
    g.writeFieldName("lag_records");
    if (lag < 0) g.writeNull();
    else g.writeNumber(lag);
    g.writeEndObject();

    g.writeNumberField("rows_decoded", s.rowsDecoded.get());
    g.writeNumberField("dead_letters", s.deadLetters.get());
    g.writeObjectFieldStart("rows_failed");
    g.writeNumberField("read", s.failedRead.get());
    g.writeNumberField("decode", s.failedDecode.get());
    g.writeNumberField("processor", s.failedProcessor.get());
    g.writeNumberField("sink", s.failedSink.get());
    g.writeEndObject();

    g.writeArrayFieldStart("sinks");
    for (PipelineDefinition.SinkDefinition sd : def.sinks()) sink(g, s, sd.name(), sd.config().type());
    sink(g, s, PipelineMetrics.DLQ, def.dlq().type());
    g.writeEndArray();

    g.writeArrayFieldStart("queues");
    for (String q : pipeline.queueNames()) {
      g.writeStartObject();
      g.writeStringField("name", q);
      g.writeNumberField("batches", pipeline.queueBatches(q));
      g.writeNumberField("bytes", pipeline.queueBytes(q));
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeObjectFieldStart("checkpoint");
    g.writeFieldName("last_acknowledged");
    positions(g, s.lastAcknowledged());
    time(g, "acknowledged_at", s.lastAcknowledgedMillis());
    g.writeNumberField("lag_seconds", round(s.checkpointLagSeconds()));
    g.writeEndObject();
    g.writeEndObject();
  }

  /** A checkpoint as {@code [{"partition": .., "sequence": .., "token": ..}]} (no token when it has none). */
  private static void positions(JsonGenerator g, Checkpoint checkpoint) throws IOException {
    g.writeStartArray();
    for (Position p : checkpoint.positions().values()) {
      g.writeStartObject();
      g.writeStringField("partition", p.partition());
      g.writeNumberField("sequence", p.sequence());
      if (!p.token().isEmpty()) g.writeStringField("token", p.token());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static String positionsJson(Checkpoint checkpoint) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      positions(g, checkpoint);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void sink(JsonGenerator g, PipelineStats s, String name, String type) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", name);
    g.writeStringField("type", type);
    g.writeNumberField("rows_written", s.rowsWritten(name).get());
    g.writeNumberField("rows_skipped", s.rowsSkipped(name).get());
    g.writeNumberField("commits", s.commits(name).get());
    time(g, "last_commit_at", s.lastCommitMillis(name));
    g.writeEndObject();
  }

  /** An ISO-8601 instant, or null for "never" (0). */
  private static void time(JsonGenerator g, String field, long epochMillis) throws IOException {
    g.writeFieldName(field);
    if (epochMillis == 0) g.writeNull();
    else g.writeString(Instant.ofEpochMilli(epochMillis).toString());
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }
}
