package io.pipelens.collector.source.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.pipelens.collector.prometheus.OtlpSeriesStore;
import io.pipelens.core.codec.CodecException;
import java.util.concurrent.CompletableFuture;

/**
 * An {@code ExportMetricsServiceRequest} (protobuf): decoded with the generated OTLP classes, as
 * metrics are few next to logs, and taken into the series re-exposed on {@code /metrics}. Stored
 * when applied, so the answer does not wait.
 */
final class MetricsExport implements OtlpExport {

  private final OtlpSeriesStore store;

  MetricsExport(OtlpSeriesStore store) {
    this.store = store;
  }

  @Override
  public CompletableFuture<Void> export(byte[] request, String team) throws CodecException {
    ExportMetricsServiceRequest metrics;
    try {
      metrics = ExportMetricsServiceRequest.parseFrom(request);
    } catch (InvalidProtocolBufferException e) {
      throw new CodecException("not an OTLP ExportMetricsServiceRequest: " + e.getMessage(), e);
    }
    store.apply(metrics, team);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public boolean hasCapacity() {
    return true;
  }
}
