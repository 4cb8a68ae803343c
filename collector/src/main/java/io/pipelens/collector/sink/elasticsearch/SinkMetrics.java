package io.pipelens.collector.sink.elasticsearch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.pipelens.collector.pipeline.ComputeTypeCounter;
import io.pipelens.core.record.LogRecord;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The sink's meters; names are listed in the package documentation. */
final class SinkMetrics {

  static final String OUTPUT = "elasticsearch";

  private final MeterRegistry registry;
  final ComputeTypeCounter sent;
  final Counter duplicates;
  final Counter retries;
  final Timer bulkLatency;
  private final ConcurrentMap<String, ComputeTypeCounter> rejections = new ConcurrentHashMap<>();

  SinkMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.sent = new ComputeTypeCounter(registry, "pipelens_collector_sent_records", "Records the output stored",
        Tags.of("output", OUTPUT));
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

  void rejected(String reason, LogRecord record) {
    rejections.computeIfAbsent(reason, r -> new ComputeTypeCounter(registry, "pipelens_collector_es_rejections",
        "Documents Elasticsearch rejected for good, by error type; sent to the dead letter queue",
        Tags.of("reason", r))).increment(record);
  }
}
