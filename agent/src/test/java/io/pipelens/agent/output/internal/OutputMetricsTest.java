package io.pipelens.agent.output.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Holds the Prometheus names the package documentation promises. */
class OutputMetricsTest {

  @Test
  void prometheusShowsTheDocumentedNames() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    OutputMetrics metrics = new OutputMetrics(registry, "kafka-main", () -> 42);

    metrics.sent(3, 300);
    metrics.failed("TimeoutException");
    metrics.retried();
    metrics.rejected(2);
    metrics.latency(Duration.ofMillis(5));

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains("pipelens_agent_output_sent_records_total{output=\"kafka-main\"} 3.0")
        .contains("pipelens_agent_output_sent_bytes_total{output=\"kafka-main\"} 300.0")
        .contains(
            "pipelens_agent_output_failed_total{error_type=\"TimeoutException\",output=\"kafka-main\"} 1.0")
        .contains("pipelens_agent_output_retries_total{output=\"kafka-main\"} 1.0")
        .contains("pipelens_agent_output_rejected_records_total{output=\"kafka-main\"} 2.0")
        .contains("pipelens_agent_output_queue_bytes{output=\"kafka-main\"} 42.0")
        .contains("pipelens_agent_output_send_latency_seconds_count{output=\"kafka-main\"} 1");
  }
}
