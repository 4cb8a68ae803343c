package io.pipelens.agent.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.testsupport.OpsEndpoints;
import io.pipelens.testsupport.internal.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running agent whose output worker dies fails /healthz and /readyz, naming the worker. */
class AgentLivenessTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  private final int port = FreePorts.pick();
  private Service agent;
  private HttpServer collector;

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.stop(Duration.ofSeconds(2));
    }
    if (collector != null) {
      collector.stop(0);
    }
  }

  @Test
  void aKafkaOutputWhoseWorkerDiesFailsHealthzAndReadyzAndIsCounted() throws Exception {
    start(inputs() + dyingKafkaOutput());

    HttpResponse<String> health = awaitHealth(status -> status == 503);

    JsonNode dead = json(health.body()).get("dead_workers").get("agent.output.kafka.events");
    assertThat(dead.get("error").asText()).isEqualTo("java.lang.StackOverflowError");
    assertThat(dead.get("message").asText()).isEqualTo(ErrorOnSendInterceptor.MESSAGE);
    HttpResponse<String> ready = get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(json(ready.body()).get("failing").get("workers").asText()).contains("agent.output.kafka.events");
    assertThat(get("/metrics").body())
        .contains("pipelens_worker_failures_total{component=\"agent\",compute_type=\"fixed\","
            + "worker=\"agent.output.kafka.events\"} 1.0")
        .contains("pipelens_worker_failures_total{component=\"agent\",compute_type=\"fixed\","
            + "worker=\"agent.pipeline.dispatch\"} 0.0");
  }

  @Test
  void aRemoteConfigurationThatReplacesTheDeadOutputMakesTheAgentHealthyAgain() throws Exception {
    AtomicReference<String> served = serveConfigurations();
    start(inputs() + dyingKafkaOutput() + remoteConfig());
    awaitHealth(status -> status == 503);

    served.set("outputs: [{name: events, file: {path: %s}}]\n".formatted(dir.resolve("events.ndjson")));

    HttpResponse<String> health = awaitHealth(status -> status == 200);
    assertThat(health.body()).isEqualTo("ok\n");
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    assertThat(get("/metrics").body())
        .contains("worker=\"agent.output.kafka.events\"} 1.0")
        .contains("worker=\"agent.output.file.events\"} 0.0");
  }

  @Test
  void aRemoteConfigurationThatFailsWhenThePreviousOneCannotStartAgainFailsHealthz() throws Exception {
    AtomicReference<String> served = serveConfigurations();
    Path out = dir.resolve("out");
    start(inputs() + """
        outputs: [{name: events, file: {path: %s}}]
        """.formatted(out.resolve("events.ndjson")) + remoteConfig());
    awaitHealth(status -> status == 200);
    // The file output's directory becomes a plain file, so its collection cannot start again; and
    // the served output's directory is a plain file too.
    Files.delete(out.resolve("events.ndjson"));
    Files.delete(out);
    Files.writeString(out, "not a directory");

    served.set("outputs: [{name: events, file: {path: %s}}]\n".formatted(out.resolve("served.ndjson")));

    HttpResponse<String> health = awaitHealth(status -> status == 503);
    JsonNode dead = json(health.body()).get("dead_workers").get("agent.remote_config");
    assertThat(dead.get("error").asText()).isEqualTo(
        "io.pipelens.agent.remote.CollectionSwitch$NothingRunningException");
    assertThat(dead.get("message").asText()).contains("nothing is collected");
    assertThat(get("/metrics").body()).contains("worker=\"agent.remote_config\"} 1.0");
  }

  /** The collector's configuration endpoint, serving what the reference holds (null: none for this agent). */
  private AtomicReference<String> serveConfigurations() throws IOException {
    AtomicReference<String> served = new AtomicReference<>();
    collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext("/", exchange -> {
      String yaml = served.get();
      String etag = yaml == null ? null : "\"" + Integer.toHexString(yaml.hashCode()) + "\"";
      String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
      if (yaml == null) {
        exchange.sendResponseHeaders(404, -1);
      } else if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
        exchange.sendResponseHeaders(304, -1);
      } else {
        byte[] body = yaml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("ETag", etag);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    collector.start();
    return served;
  }

  private String remoteConfig() {
    return """
        remote_config:
          url: http://127.0.0.1:%d/agent-config
          token: t
          poll_interval: 100ms
        """.formatted(collector.getAddress().getPort());
  }

  /** A Kafka output whose producer throws StackOverflowError on its first send. */
  private static String dyingKafkaOutput() {
    return """
        outputs:
          - name: events
            kafka:
              brokers: ["127.0.0.1:1"]
              properties: {interceptor.classes: %s}
        """.formatted(ErrorOnSendInterceptor.class.getName());
  }

  private String inputs() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Files.writeString(logs.resolve("a.log"), "one\ntwo\n");
    return """
        http: {host: 127.0.0.1, port: %d}
        data_dir: %s
        inputs:
          - name: app
            file: {paths: ["%s/*.log"]}
        """.formatted(port, dir.resolve("data"), logs);
  }

  private void start(String yaml) throws Exception {
    AgentConfig config = ConfigLoader.create(Map.of()).parse(yaml, "agent.yaml", AgentConfig.class);
    agent = new AgentFactory(Map.of()).create(config);
    agent.start();
  }

  private HttpResponse<String> awaitHealth(Predicate<Integer> status) throws Exception {
    HttpResponse<String> response = OpsEndpoints.awaitStatus(port, "/healthz", status::test, WAIT);
    assertThat(response.statusCode()).as("/healthz: %s", response.body()).matches(status::test);
    return response;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return OpsEndpoints.get(port, path);
  }

  private static JsonNode json(String body) throws IOException {
    return new ObjectMapper().readTree(body);
  }
}
