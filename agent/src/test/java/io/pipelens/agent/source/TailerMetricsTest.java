package io.pipelens.agent.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class TailerMetricsTest {

  @Test
  void metersHaveTheDocumentedPrometheusNames() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TailerMetrics metrics = new TailerMetrics(prometheus, "spark");
    metrics.renames.increment();
    String scrape = prometheus.scrape();
    assertThat(scrape)
        .contains("pipelens_agent_files_open{input=\"spark\"} 0")
        .contains("pipelens_agent_files_discovered_total{input=\"spark\"} 0")
        .contains("pipelens_agent_read_bytes_total{input=\"spark\"} 0")
        .contains("pipelens_agent_read_lines_total{input=\"spark\"} 0")
        .contains("pipelens_agent_bytes_behind{input=\"spark\"} 0")
        .contains("pipelens_agent_rotations_total{input=\"spark\",kind=\"rename\"} 1")
        .contains("pipelens_agent_rotations_total{input=\"spark\",kind=\"truncate\"} 0")
        .contains("pipelens_agent_truncated_lines_total{input=\"spark\"} 0");
  }
}
