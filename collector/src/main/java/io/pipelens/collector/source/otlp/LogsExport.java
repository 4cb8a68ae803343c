package io.pipelens.collector.source.otlp;

import io.pipelens.collector.normalize.RecordNormalizer;
import io.pipelens.collector.pipeline.RecordSink;
import io.pipelens.core.codec.CodecException;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.core.record.LogRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An {@code ExportLogsServiceRequest}: decoded by core's codec, normalized, written to the sink. */
final class LogsExport implements OtlpExport {

  private static final OtlpLogsCodec PROTOBUF = new OtlpLogsCodec();

  private final RecordSink sink;
  private final OtlpMetrics metrics;

  LogsExport(RecordSink sink, OtlpMetrics metrics) {
    this.sink = sink;
    this.metrics = metrics;
  }

  @Override
  public CompletableFuture<Void> export(byte[] request, String team) throws CodecException {
    List<LogRecord> records = PROTOBUF.decode(request);
    metrics.received.increment(records.size());
    return sink.write(RecordNormalizer.forOtlp(team).normalize(records));
  }

  @Override
  public boolean hasCapacity() {
    return sink.hasCapacity();
  }
}
