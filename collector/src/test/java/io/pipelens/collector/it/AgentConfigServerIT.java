package io.pipelens.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.agent.app.AgentConfig;
import io.pipelens.agent.app.AgentFactory;
import io.pipelens.collector.app.Collector;
import io.pipelens.collector.app.CollectorConfig;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.logsearch.LogHit;
import io.pipelens.logsearch.LogQuery;
import io.pipelens.logsearch.LogSearch;
import io.pipelens.runtime.lifecycle.CompositeService;
import io.pipelens.runtime.lifecycle.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config server with a real agent: the collector serves configuration files from a directory,
 * selected by compute type and namespace, with ETags; the agent polls it, applies a new
 * configuration without restarting (its new input is read, the old one is not), rejects a bad one
 * once and counts it while it goes on collecting, and the collector keeps a file's last good
 * version when the file turns bad.
 */
class AgentConfigServerIT {

  private static final String TOKEN = "config-server-token";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  @Test
  void anAgentAppliesServedConfigurationsWithoutRestartingAndSurvivesABadOne() throws Exception {
    Path configs = Files.createDirectories(dir.resolve("agent-configs"));
    Path logsA = Files.createDirectories(dir.resolve("logs-a"));
    Path logsB = Files.createDirectories(dir.resolve("logs-b"));
    Files.writeString(configs.resolve("00-other-namespace.yaml"), """
        select: {namespaces: [other]}
        config:
          inputs: [{file: {paths: ["/nowhere/*.log"]}}]
          outputs: [{stdout: {}}]
        """);
    CollectorConfig collectorConfig = ConfigLoader.create(Map.of()).parse("""
        http: {host: 127.0.0.1, port: 0}
        data_dir: %s
        lucene: {commit_interval: 100ms}
        otlp:
          http: {host: 127.0.0.1, port: 0}
          grpc: {enabled: false}
          tokens:
            - {token: %s, team: team-c}
        agent_configs:
          directory: %s
          reload_interval: 100ms
        """.formatted(dir.resolve("collector"), TOKEN, configs), "test collector", CollectorConfig.class);
    try (Collector collector = Collector.create(collectorConfig)) {
      collector.start();
      String base = "http://127.0.0.1:" + collector.otlpPort();
      Path served = configs.resolve("10-serverless.yaml");
      writeAtomically(served, servedConfig(logsA, "a", base));
      Harness.await("the collector to read the new file", Duration.ofSeconds(10),
          () -> Harness.meter(collector, "pipelens_collector_agent_configs") == 2);

      String query = base + "/v1/agent-config?compute_type=serverless&namespace=ns-a";
      assertThat(get(query, null, null).statusCode()).isEqualTo(401);
      HttpResponse<String> first = get(query, TOKEN, null);
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.headers().firstValue("X-Pipelens-Agent-Config")).hasValue("10-serverless.yaml");
      assertThat(first.body()).contains("${AGENT_OTLP_TOKEN}").contains(logsA.toString());
      String etag = first.headers().firstValue("ETag").orElseThrow();
      assertThat(get(query, TOKEN, etag).statusCode()).isEqualTo(304);
      assertThat(get(base + "/v1/agent-config?compute_type=fixed&namespace=ns-a", TOKEN, null).statusCode())
          .isEqualTo(404);
      assertThat(get(base + "/v1/agent-config?compute_type=serverless&namespace=other", TOKEN, null)
          .headers().firstValue("X-Pipelens-Agent-Config")).hasValue("00-other-namespace.yaml");

      AgentConfig agentConfig = ConfigLoader.create(Map.of()).parse("""
          http: {host: 127.0.0.1, port: 0}
          data_dir: %s
          checkpoint_interval: 100ms
          enrichment: {compute_type: serverless}
          remote_config:
            url: %s/v1/agent-config
            token: %s
            poll_interval: 100ms
            namespace: ns-a
          """.formatted(dir.resolve("agent"), base, TOKEN), "test agent", AgentConfig.class);
      Service agent = new AgentFactory(Map.of("AGENT_OTLP_TOKEN", TOKEN)).create(agentConfig);
      agent.start();
      try {
        MeterRegistry agentMetrics = registry(agent);
        append(logsA.resolve("app.log"), "line one from a");
        awaitMessages(collector, "line one from a");
        assertThat(polls(agentMetrics, "applied")).isEqualTo(1);

        writeAtomically(served, servedConfig(logsB, "b", base));
        Harness.await("the agent to apply the second configuration", Duration.ofSeconds(10),
            () -> polls(agentMetrics, "applied") == 2);
        append(logsA.resolve("app.log"), "line two from a");
        append(logsB.resolve("app.log"), "line one from b");
        awaitMessages(collector, "line one from b");
        assertThat(messages(collector)).as("the first input is no longer read")
            .containsExactlyInAnyOrder("line one from a", "line one from b");

        // Valid for the collector, not for the agent: a relative path.
        writeAtomically(served, """
            config:
              inputs: [{file: {paths: ["relative/*.log"]}}]
            """);
        Harness.await("the agent to reject the bad configuration", Duration.ofSeconds(10),
            () -> polls(agentMetrics, "rejected") == 1);
        double notModified = polls(agentMetrics, "not_modified");
        Harness.await("more polls", Duration.ofSeconds(10), () -> polls(agentMetrics, "not_modified") >= notModified + 3);
        assertThat(polls(agentMetrics, "rejected")).as("a rejected configuration is reported once").isEqualTo(1);
        append(logsB.resolve("app.log"), "line two from b");
        awaitMessages(collector, "line two from b");

        // Not even YAML: the collector keeps serving the file's last good version.
        String lastGood = get(query, TOKEN, null).headers().firstValue("ETag").orElseThrow();
        writeAtomically(served, "config: [unclosed\n");
        Harness.await("the collector to reject the file", Duration.ofSeconds(10),
            () -> Harness.meter(collector, "pipelens_collector_agent_config_errors") >= 1);
        assertThat(get(query, TOKEN, null).headers().firstValue("ETag")).hasValue(lastGood);
        assertThat(Harness.meter(collector, "pipelens_collector_agent_configs")).isEqualTo(2);
      } finally {
        agent.stop(Duration.ofSeconds(10));
      }
    }
  }

  private static String servedConfig(Path logs, String name, String base) {
    return """
        select:
          namespaces: [ns-a]
          compute_type: serverless
        config:
          inputs:
            - name: %s
              file: {paths: ["%s/*.log"], rescan_interval: 100ms}
              stream: business
          outputs:
            - otlp:
                endpoint: %s/v1/logs
                token: ${AGENT_OTLP_TOKEN}
          pipeline: {flush_interval: 50ms}
        """.formatted(name, logs, base);
  }

  private static MeterRegistry registry(Service agent) {
    // The agent's first service is its operations side, whose registry holds every agent meter.
    return ((io.pipelens.runtime.component.ComponentOps) ((CompositeService) agent).children().get(0)).registry();
  }

  private static double polls(MeterRegistry registry, String result) {
    var counter = registry.find("pipelens_agent_remote_config_polls").tag("result", result).counter();
    return counter == null ? 0 : counter.count();
  }

  private static void awaitMessages(Collector collector, String message) throws Exception {
    Harness.await("\"" + message + "\" to be searchable", Duration.ofSeconds(20),
        () -> messages(collector).contains(message));
  }

  private static List<String> messages(Collector collector) {
    try (LogSearch search = collector.search()) {
      return search.search(LogQuery.all().withPageSize(100)).hits().stream().map(LogHit::message).toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void append(Path file, String line) throws Exception {
    Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  // As a GitOps sync does: a new file renamed into place, so a reader never sees half of it.
  private static void writeAtomically(Path file, String text) throws Exception {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, text);
    Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static HttpResponse<String> get(String url, String token, String ifNoneMatch) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
