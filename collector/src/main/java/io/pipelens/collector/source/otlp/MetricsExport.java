package io.pipelens.collector.source.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.pipelens.collector.prometheus.OtlpSeriesStore;
import io.pipelens.core.codec.CodecException;
import java.util.concurrent.CompletableFuture;

/**
 * An {@code ExportMetricsServiceRequest}, protobuf or OTLP/JSON: decoded with the generated OTLP
 * classes, as metrics are few next to logs, and taken into the series re-exposed on {@code
 * /metrics}. Stored when applied, so the answer does not wait.
 */
final class MetricsExport implements OtlpExport {

  private final OtlpSeriesStore store;
  private final boolean json;

  /** For protobuf bodies, or OTLP/JSON ones when {@code json}. */
  MetricsExport(OtlpSeriesStore store, boolean json) {
    this.store = store;
    this.json = json;
  }

  @Override
  public CompletableFuture<Void> export(byte[] request, String team) throws CodecException {
    ExportMetricsServiceRequest metrics;
    if (json) {
      ExportMetricsServiceRequest.Builder builder = ExportMetricsServiceRequest.newBuilder();
      OtlpJson.merge(request, builder);
      metrics = builder.build();
    } else {
      try {
        metrics = ExportMetricsServiceRequest.parseFrom(request);
      } catch (InvalidProtocolBufferException e) {
        throw new CodecException("not an OTLP ExportMetricsServiceRequest: " + e.getMessage(), e);
      }
    }
    store.apply(metrics, team);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public boolean hasCapacity() {
    return true;
  }
}
