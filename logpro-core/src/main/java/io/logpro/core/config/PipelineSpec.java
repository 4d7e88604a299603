package io.logpro.core.config;

import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;

/** The keys of a pipeline file itself, declared once like every component's. */
public final class PipelineSpec {
  private PipelineSpec() {}

  public static final ConfigSpec ENGINE = ConfigSpec.builder("", "How batches are formed and how much memory and queueing a pipeline may use.")
      .field(FieldSpec.integer("batch_rows", "Most rows in one Arrow batch; a batch is also cut at queue_bytes / queue_batches bytes of input.").withDefault(32_768L))
      .field(FieldSpec.duration("linger", "How long to wait for more records before sending a partial batch.").withDefault("200ms"))
      .field(FieldSpec.integer("queue_batches", "Most batches waiting between two stages.").withDefault(4L))
      .field(FieldSpec.size("queue_bytes", "Most bytes waiting between two stages; the source blocks beyond it.").withDefault("256MB"))
      .field(FieldSpec.size("memory_limit", "Hard limit of the pipeline's Arrow allocator (default: half the JVM heap).").withExample("1GB"))
      .field(FieldSpec.bool("warm_up", "At start, while the source connects, run synthetic rows made from the format's schema "
          + "through copies of the decoder, processors and sinks (throwaway destinations), so that the first real records do not "
          + "wait for cold code. Needs an explicit schema.").withDefault(true))
      .build();

  public static final ConfigSpec RELIABILITY = ConfigSpec.builder("", "Commits, checkpoints and dead letters.")
      .field(FieldSpec.component("dlq", "sink", "Where rows that fail go (default: NDJSON files under ./lakehouse/_dlq/<pipeline>/).")
          .withExample("{type: file, path: ./lakehouse/_dlq/taxi}"))
      .field(FieldSpec.duration("commit_interval", "How often every sink commits and positions are acknowledged.").withDefault("5s"))
      .field(FieldSpec.duration("drain_timeout", "On SIGTERM, how long to drain and commit before giving up (exit 1).").withDefault("30s"))
      .field(FieldSpec.string("state_dir", "Where the checkpoint of sinks that cannot store positions themselves is kept.").withDefault("./lakehouse/_state"))
      .field(FieldSpec.component("checkpoint_store", "checkpoint_store",
          "Where positions are kept for sinks that cannot store them with their data (default: a file in state_dir).")
          .withExample("{type: postgres, url: \"jdbc:postgresql://db/ops\", user: logpro}"))
      .build();

  public static final ConfigSpec SINK_EXTRA = ConfigSpec.builder("", "Keys every sink accepts besides its own.")
      .field(FieldSpec.components("processing", "processor", "Processors applied to this sink's rows only, after the shared ones."))
      .field(FieldSpec.string("when", "Route only rows for which this expression is true to this sink (others are not errors).")
          .withExample("\"payment_type = 1\""))
      .build();

  public static final ConfigSpec ADMIN = ConfigSpec.builder("", "The admin HTTP port: /healthz, /readyz, /metrics (Prometheus text) and /api/pipeline (state as JSON).")
      .field(FieldSpec.string("host", "The address the admin port listens on (0.0.0.0 for every interface).").withDefault("127.0.0.1"))
      .field(FieldSpec.integer("port", "The admin port; 0 takes a free one (logged at start). Without it there is no admin port.")
          .withExample("9464"))
      .build();

  public static final ConfigSpec TRACING = ConfigSpec.builder("", "OpenTelemetry traces: one span per batch stage (read, decode, process, write, commit).")
      .field(FieldSpec.string("otlp_endpoint", "OTLP over HTTP (protobuf) collector URL; /v1/traces is added when the URL has no path. "
          + "Without it no spans are recorded.").withExample("http://localhost:4318"))
      .field(FieldSpec.string("service_name", "The service.name of the spans.").withDefault("logpro"))
      .build();

  public static final ConfigSpec OBSERVABILITY = ConfigSpec.builder("", "Health, metrics, status and traces of a running pipeline.")
      .field(FieldSpec.object("admin", "The admin HTTP port (health, readiness, Prometheus metrics, status).", ADMIN)
          .withExample("{host: 127.0.0.1, port: 9464}"))
      .field(FieldSpec.object("tracing", "Export spans per batch stage over OTLP.", TRACING)
          .withExample("{otlp_endpoint: \"http://localhost:4318\", service_name: logpro}"))
      .build();

  public static final ConfigSpec PIPELINE = ConfigSpec.builder("", "One pipeline: a source, shared processing, one or more sinks, and a dead-letter output.")
      .field(FieldSpec.string("pipeline", "The pipeline's name: used in positions stored by sinks, DLQ paths and metrics.").asRequired().withExample("taxi-bronze"))
      .field(FieldSpec.string("description", "Free text."))
      .field(FieldSpec.component("source", "source", "Where records come from.").asRequired())
      .field(FieldSpec.components("processing", "processor", "Processors applied to every row before the sinks."))
      .field(FieldSpec.object("sinks", "Named sinks; each is a sink block with an optional `processing:` list of its own.", null).asRequired())
      .field(FieldSpec.object("reliability", "Commits, checkpoints and dead letters.", RELIABILITY))
      .field(FieldSpec.object("engine", "Batching, queues and memory.", ENGINE))
      .field(FieldSpec.object("observability", "The admin HTTP port (health, metrics, status) and traces.", OBSERVABILITY))
      .build();
}
