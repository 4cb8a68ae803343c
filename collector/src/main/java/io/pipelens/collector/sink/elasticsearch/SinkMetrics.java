package io.pipelens.collector.sink.elasticsearch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The sink's meters; names are listed in the package documentation. */
final class SinkMetrics {

  static final String OUTPUT = "elasticsearch";

  private final MeterRegistry registry;
  final Counter sent;
  final Counter duplicates;
  final Counter retries;
  final Timer bulkLatency;
  private final ConcurrentMap<String, Counter> rejections = new ConcurrentHashMap<>();

  SinkMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.sent = Counter.builder("pipelens_collector_sent_records")
        .description("Records the output stored").tag("output", OUTPUT).register(registry);
    this.duplicates = Counter.builder("pipelens_collector_es_duplicates")
        .description("Documents Elasticsearch already had (409 on create): redeliveries, not errors")
        .register(registry);
    this.retries = Counter.builder("pipelens_collector_es_retries")
        .description("Bulk requests or items sent again after a 429, 5xx or connection error")
        .register(registry);
    this.bulkLatency = Timer.builder("pipelens_collector_bulk_latency")
        .description("Time of one _bulk request, from send to response")
        .publishPercentileHistogram()
        .register(registry);
  }

  void rejected(String reason) {
    rejections.computeIfAbsent(reason, r -> Counter.builder("pipelens_collector_es_rejections")
        .description("Documents Elasticsearch rejected for good, by error type; sent to the dead letter queue")
        .tag("reason", r)
        .register(registry)).increment();
  }
}
