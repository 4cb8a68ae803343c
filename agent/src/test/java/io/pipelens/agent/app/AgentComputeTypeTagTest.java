package io.pipelens.agent.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.core.config.ConfigLoader;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.testsupport.internal.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every meter of a running agent, its JVM meters included, carries the configured compute_type. */
class AgentComputeTypeTagTest {

  @TempDir
  Path dir;

  @Test
  void everyExportedSeriesCarriesTheComputeTypeOfTheEnrichment() throws Exception {
    String body = scrape("serverless");
    List<String> series = series(body);

    assertThat(series).anyMatch(s -> s.startsWith("pipelens_agent_read_lines_total{"))
        .anyMatch(s -> s.startsWith("pipelens_agent_output_sent_records_total{"))
        .anyMatch(s -> s.startsWith("jvm_memory_used_bytes{"))
        .anyMatch(s -> s.startsWith("pipelens_build_info{"));
    assertThat(series).as("series without compute_type=\"serverless\"")
        .allMatch(s -> s.contains("compute_type=\"serverless\""));
  }

  @Test
  void theDefaultIsFixed() throws Exception {
    List<String> series = series(scrape(null));

    assertThat(series).isNotEmpty().allMatch(s -> s.contains("compute_type=\"fixed\""));
  }

  private String scrape(String computeType) throws Exception {
    int port = FreePorts.pick();
    Path logs = Files.createDirectories(dir.resolve("logs-" + computeType));
    Files.writeString(logs.resolve("a.log"), "one\ntwo\n");
    String yaml = """
        http: {host: 127.0.0.1, port: %d}
        data_dir: %s
        inputs:
          - name: app
            file: {paths: ["%s/*.log"]}
        outputs:
          - name: out
            file: {path: %s}
        %s
        """.formatted(port, dir.resolve("data-" + computeType), logs, dir.resolve("out-" + computeType + ".ndjson"),
        computeType == null ? "" : "enrichment: {compute_type: " + computeType + "}");
    AgentConfig config = ConfigLoader.create(Map.of()).parse(yaml, "test", AgentConfig.class);
    Service agent = new AgentFactory(Map.of()).create(config);
    agent.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
          .timeout(Duration.ofSeconds(5)).build();
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } finally {
      agent.stop(Duration.ofSeconds(5));
    }
  }

  private static List<String> series(String body) {
    List<String> series = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        series.add(line);
      }
    }
    return series;
  }
}
