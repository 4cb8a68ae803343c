package io.pipelens.collector.source.otlp;

import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.collector.pipeline.ReceivedRecords;
import io.pipelens.collector.pipeline.RecordLabels;
import io.pipelens.core.record.ComputeType;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The OTLP receiver's meters; names are listed in the package documentation. Request meters carry
 * {@code compute_type="serverless"}: OTLP is how sidecar agents and SDKs, the serverless side, send.
 */
final class OtlpMetrics {

  private static final String COMPUTE_TYPE = ComputeType.SERVERLESS.wireName();

  private final MeterRegistry registry;
  final ReceivedRecords received;
  private final ConcurrentMap<Integer, Counter> requests = new ConcurrentHashMap<>();
  private final ConcurrentMap<Status.Code, Counter> grpcRequests = new ConcurrentHashMap<>();

  OtlpMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.received = new ReceivedRecords(registry, "otlp");
  }

  void answered(int status) {
    requests.computeIfAbsent(status, code -> Counter.builder("pipelens_collector_otlp_requests")
        .description("OTLP/HTTP requests, by response status")
        .tag("code", Integer.toString(code))
        .tag(RecordLabels.COMPUTE_TYPE, COMPUTE_TYPE)
        .register(registry)).increment();
  }

  /** A gRPC call answered with {@code code}; a separate meter, since its codes are not HTTP's. */
  void answered(Status.Code code) {
    grpcRequests.computeIfAbsent(code, c -> Counter.builder("pipelens_collector_otlp_grpc_requests")
        .description("OTLP/gRPC calls, by status code")
        .tag("code", c.name())
        .tag(RecordLabels.COMPUTE_TYPE, COMPUTE_TYPE)
        .register(registry)).increment();
  }
}
