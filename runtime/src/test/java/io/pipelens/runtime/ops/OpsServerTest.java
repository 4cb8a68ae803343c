package io.pipelens.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pipelens.runtime.liveness.Liveness;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {

  private static final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Readiness readiness = new Readiness();
  private final List<OpsServer> servers = new ArrayList<>();

  @AfterEach
  void stopServers() {
    servers.forEach(server -> server.stop(Duration.ofSeconds(1)));
    registry.close();
  }

  @Test
  void metricsServesCountersJvmMetricsAndBuildInfoAsPrometheusText() throws Exception {
    try (ProcessMetrics ignored = ProcessMetrics.bindTo(registry, "agent", "1.2.3")) {
      Counter counter = Counter.builder("pipelens.test.received.events").register(registry);
      counter.increment(3);
      OpsServer server = started(OpsServer.builder().host("127.0.0.1").port(0).registry(registry));

      HttpResponse<String> response = get(server, "/metrics");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(response.body())
          .contains("pipelens_test_received_events_total 3.0")
          .contains("pipelens_build_info{component=\"agent\",version=\"1.2.3\"} 1")
          .contains("jvm_memory_used_bytes{")
          .contains("jvm_threads_live_threads ")
          .contains("jvm_classes_loaded_classes ")
          .contains("jvm_gc_")
          .contains("system_cpu_count ")
          .contains("process_uptime_seconds ")
          .contains("process_files_open_files ");
    }
  }

  @Test
  void metricsServesOpenMetricsWhenTheScraperAsksForIt() throws Exception {
    Counter.builder("pipelens.test.sent.events").register(registry).increment();
    OpsServer server = started(OpsServer.builder().host("127.0.0.1").registry(registry));

    HttpResponse<String> response = send(server, "/metrics", "GET",
        "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(response.body()).contains("pipelens_test_sent_events_total 1.0").endsWith("# EOF\n");
  }

  @Test
  void healthzIsOkWhileRunning() throws Exception {
    OpsServer server = started(OpsServer.builder().host("127.0.0.1").registry(registry));

    HttpResponse<String> response = get(server, "/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok\n");
  }

  @Test
  void healthzAndReadyzFailNamingEachDeadWorkerAndItsCause() throws Exception {
    Liveness liveness = new Liveness("collector", registry);
    OpsServer server = started(OpsServer.builder().host("127.0.0.1").registry(registry).liveness(liveness));
    assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);

    liveness.watch("collector.source.kafka", () -> {
      throw new OutOfMemoryError("Java heap space");
    }).run();
    liveness.workerDied("collector.sink.lucene.committer", new IllegalStateException("index \"x\" closed"));

    HttpResponse<String> health = get(server, "/healthz");
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = json(health.body());
    assertThat(body.get("status").asText()).isEqualTo("dead");
    JsonNode kafka = body.get("dead_workers").get("collector.source.kafka");
    assertThat(kafka.get("error").asText()).isEqualTo("java.lang.OutOfMemoryError");
    assertThat(kafka.get("message").asText()).isEqualTo("Java heap space");
    assertThat(kafka.get("since").asText()).isNotBlank();
    assertThat(body.get("dead_workers").get("collector.sink.lucene.committer").get("message").asText())
        .isEqualTo("index \"x\" closed");
    assertThat(health.body()).doesNotContain("at io.pipelens");

    HttpResponse<String> ready = get(server, "/readyz");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(json(ready.body()).get("failing").get("workers").asText())
        .isEqualTo("dead: collector.source.kafka (java.lang.OutOfMemoryError: Java heap space), "
            + "collector.sink.lucene.committer (java.lang.IllegalStateException: index \"x\" closed)");

    assertThat(get(server, "/metrics").body())
        .contains("pipelens_worker_failures_total{component=\"collector\",worker=\"collector.source.kafka\"} 1.0");
  }

  @Test
  void readyzFollowsTheChecksAndNamesTheFailingOnes() throws Exception {
    AtomicBoolean kafkaConnected = new AtomicBoolean(true);
    readiness.register("kafka-sink", kafkaConnected::get, "no broker reachable at \"kafka:9092\"");
    readiness.register("checkpoint", () -> Readiness.Check.passed());
    OpsServer server = started(OpsServer.builder().host("127.0.0.1").registry(registry).readiness(readiness));

    HttpResponse<String> ready = get(server, "/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(json(ready.body()).get("status").asText()).isEqualTo("ready");

    kafkaConnected.set(false);
    HttpResponse<String> notReady = get(server, "/readyz");
    assertThat(notReady.statusCode()).isEqualTo(503);
    JsonNode body = json(notReady.body());
    assertThat(body.get("status").asText()).isEqualTo("not_ready");
    assertThat(body.get("failing").size()).isEqualTo(1);
    assertThat(body.get("failing").get("kafka-sink").asText()).isEqualTo("no broker reachable at \"kafka:9092\"");

    kafkaConnected.set(true);
    assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void unknownPathsAre404EvenWhenTheyStartWithAKnownOne() throws Exception {
    OpsServer server = started(OpsServer.builder().host("127.0.0.1").registry(registry));

    for (String path : List.of("/", "/nope", "/metricsfoo", "/metrics/", "/healthz/x")) {
      assertThat(get(server, path).statusCode()).as(path).isEqualTo(404);
    }
    assertThat(send(server, "/nope", "POST", null).statusCode()).isEqualTo(404);
  }

  @Test
  void methodsOtherThanGetAndHeadAre405() throws Exception {
    OpsServer server = started(OpsServer.builder().host("127.0.0.1").registry(registry));

    for (String method : List.of("POST", "PUT", "DELETE")) {
      HttpResponse<String> response = send(server, "/metrics", method, null);
      assertThat(response.statusCode()).as(method).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }
  }

  @Test
  void headAnswersWithoutABody() throws Exception {
    OpsServer server = started(OpsServer.builder().host("127.0.0.1").registry(registry));

    HttpResponse<String> response = send(server, "/healthz", "HEAD", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(send(server, "/metrics", "HEAD", null).statusCode()).isEqualTo(200);
  }

  @Test
  void portZeroBindsARealEphemeralPort() throws Exception {
    OpsServer first = started(OpsServer.builder().host("127.0.0.1").port(0).registry(registry));
    OpsServer second = started(OpsServer.builder().host("127.0.0.1").port(0).registry(registry));

    assertThat(first.port()).isPositive().isNotEqualTo(second.port());
    assertThat(get(first, "/healthz").statusCode()).isEqualTo(200);
    assertThat(get(second, "/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void componentRoutesAreServedOnOpsThreads() throws Exception {
    AtomicReference<String> thread = new AtomicReference<>();
    OpsServer server = started(OpsServer.builder().host("127.0.0.1").registry(registry)
        .route("/debug/config", exchange -> {
          thread.set(Thread.currentThread().getName());
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
        }));

    HttpResponse<String> response = get(server, "/debug/config");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{}");
    assertThat(thread.get()).startsWith("pipelens-ops-http-");
    assertThat(send(server, "/debug/config", "POST", null).statusCode()).isEqualTo(405);
  }

  @Test
  void routeTreesServeTheirPrefixAndEverythingBelowItByWholeSegments() throws Exception {
    OpsServer server = started(OpsServer.builder().host("127.0.0.1").registry(registry)
        .routeTree("/api", exchange -> answer(exchange, "api " + exchange.getRequestURI().getPath()))
        .routeTree("/api/v2", exchange -> answer(exchange, "v2 " + exchange.getRequestURI().getPath()))
        .route("/api/exact", exchange -> answer(exchange, "exact")));

    assertThat(get(server, "/api").body()).isEqualTo("api /api");
    assertThat(get(server, "/api/v1/applications/x").body()).isEqualTo("api /api/v1/applications/x");
    assertThat(get(server, "/api/v2/stages").body()).isEqualTo("v2 /api/v2/stages");
    assertThat(get(server, "/api/exact").body()).isEqualTo("exact");
    assertThat(get(server, "/apix").statusCode()).isEqualTo(404);
    assertThat(send(server, "/api/v1", "POST", null).statusCode()).isEqualTo(405);
    assertThatThrownBy(() -> OpsServer.builder().routeTree("/api/", exchange -> { }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("route tree prefix must start with / and not end with /, got /api/");
    assertThatThrownBy(() -> OpsServer.builder().routeTree("/metrics", exchange -> { }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("route tree /metrics covers the built-in ops endpoint /metrics");
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, String text) throws java.io.IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  @Test
  void aFailingHandlerGivesA500AndTheServerKeepsServing() throws Exception {
    OpsServer server = started(OpsServer.builder().host("127.0.0.1").registry(registry)
        .route("/broken", exchange -> {
          throw new IllegalStateException("handler bug");
        }));

    assertThat(get(server, "/broken").statusCode()).isEqualTo(500);
    assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void builderRejectsBadSettingsAtOnce() {
    OpsServer.Builder builder = OpsServer.builder();

    assertThatThrownBy(() -> builder.port(65536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be between 0 and 65535, got 65536");
    assertThatThrownBy(() -> builder.host(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("host must not be blank");
    assertThatThrownBy(() -> builder.route("metrics", exchange -> { }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("route path must start with /, got metrics");
    assertThatThrownBy(() -> builder.route("/readyz", exchange -> { }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("route path /readyz is a built-in ops endpoint");
    builder.route("/x", exchange -> { });
    assertThatThrownBy(() -> builder.route("/x", exchange -> { }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("route path /x was already added");
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("registry must be set");
  }

  @Test
  void httpConfigSuppliesHostAndResolvedPort() throws Exception {
    OpsServer server = started(OpsServer.builder().http(new HttpConfig("127.0.0.1", null), 0).registry(registry));

    assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void aPortInUseFailsStartWithTheAddressInTheMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      OpsServer server = OpsServer.builder().host("127.0.0.1").port(taken.getLocalPort()).registry(registry).build();
      servers.add(server);

      assertThatThrownBy(server::start)
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("cannot bind the ops HTTP server to 127.0.0.1:" + taken.getLocalPort() + ": ");
    }
  }

  @Test
  void stopClosesThePortAndIsIdempotent() throws Exception {
    OpsServer server = started(OpsServer.builder().host("127.0.0.1").registry(registry));
    int port = server.port();

    server.stop(Duration.ofSeconds(1));
    server.stop(Duration.ofSeconds(1));
    server.close();

    assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(server::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ops server was already stopped");
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build();
    assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void portBeforeStartIsAnError() {
    OpsServer server = OpsServer.builder().registry(registry).build();

    assertThatThrownBy(server::port)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ops server is not running");
  }

  private OpsServer started(OpsServer.Builder builder) throws IOException {
    OpsServer server = builder.build();
    servers.add(server);
    server.start();
    return server;
  }

  private static HttpResponse<String> get(OpsServer server, String path) throws Exception {
    return send(server, path, "GET", null);
  }

  private static HttpResponse<String> send(OpsServer server, String path, String method, String accept)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (accept != null) {
      request.header("Accept", accept);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(String body) throws IOException {
    return new ObjectMapper().readTree(body);
  }
}
