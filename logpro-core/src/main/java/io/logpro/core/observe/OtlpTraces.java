package io.logpro.core.observe;

import io.logpro.core.config.PipelineDefinition;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;

/**
 * Builds the tracer provider that exports spans over OTLP/HTTP (protobuf). The HTTP client is the
 * JDK's (opentelemetry-exporter-sender-jdk), so OTLP/gRPC is not offered: collectors listen for
 * OTLP/HTTP on port 4318.
 */
public final class OtlpTraces {
  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private OtlpTraces() {}

  /**
   * A provider that batches spans in the background: a slow or absent collector drops spans
   * (the queue is bounded) and never blocks a pipeline stage.
   */
  public static SdkTracerProvider provider(PipelineDefinition.Tracing tracing) {
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(tracesUrl(tracing.otlpEndpoint())).build();
    Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, tracing.serviceName())));
    return SdkTracerProvider.builder()
        .setResource(resource)
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
        .build();
  }

  /** The collector's traces URL: {@code /v1/traces} is added when the endpoint names no path. */
  static String tracesUrl(String endpoint) {
    URI uri = URI.create(endpoint.trim());
    String path = uri.getRawPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      String base = endpoint.trim();
      while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
      return base + "/v1/traces";
    }
    return endpoint.trim();
  }
}
