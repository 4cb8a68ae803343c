package io.pipelens.collector.source.otlp;

import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The OTLP receiver's meters; names are listed in the package documentation. */
final class OtlpMetrics {

  private final MeterRegistry registry;
  final Counter received;
  private final ConcurrentMap<Integer, Counter> requests = new ConcurrentHashMap<>();
  private final ConcurrentMap<Status.Code, Counter> grpcRequests = new ConcurrentHashMap<>();

  OtlpMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.received = Counter.builder("pipelens_collector_received_records")
        .description("Log records received, by source").tag("source", "otlp").register(registry);
  }

  void answered(int status) {
    requests.computeIfAbsent(status, code -> Counter.builder("pipelens_collector_otlp_requests")
        .description("OTLP/HTTP requests, by response status")
        .tag("code", Integer.toString(code))
        .register(registry)).increment();
  }

  /** A gRPC call answered with {@code code}; a separate meter, since its codes are not HTTP's. */
  void answered(Status.Code code) {
    grpcRequests.computeIfAbsent(code, c -> Counter.builder("pipelens_collector_otlp_grpc_requests")
        .description("OTLP/gRPC calls, by status code")
        .tag("code", c.name())
        .register(registry)).increment();
  }
}
