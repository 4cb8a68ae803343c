package io.pipelens.collector.source.otlp;

import io.pipelens.collector.normalize.RecordNormalizer;
import io.pipelens.collector.pipeline.RecordSink;
import io.pipelens.core.codec.CodecException;
import io.pipelens.core.codec.LogsCodec;
import io.pipelens.core.record.LogRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An {@code ExportLogsServiceRequest}, protobuf or JSON: decoded by core's codec, normalized,
 * written to the sink.
 */
final class LogsExport implements OtlpExport {

  private final LogsCodec codec;
  private final RecordSink sink;
  private final OtlpMetrics metrics;

  LogsExport(LogsCodec codec, RecordSink sink, OtlpMetrics metrics) {
    this.codec = codec;
    this.sink = sink;
    this.metrics = metrics;
  }

  @Override
  public CompletableFuture<Void> export(byte[] request, String team) throws CodecException {
    List<LogRecord> records = codec.decode(request);
    List<LogRecord> normalized = RecordNormalizer.forOtlp(team).normalize(records);
    metrics.received.count(normalized);
    CompletableFuture<Void> stored = sink.write(normalized);
    // The client waits for this answer; nothing more of its comes before it.
    sink.flush();
    return stored;
  }

  @Override
  public boolean hasCapacity() {
    return sink.hasCapacity();
  }
}
