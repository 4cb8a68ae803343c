package io.pipelens.history.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.history.access.PasswordHash;
import io.pipelens.history.testing.TestLogs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history server as deployed, on loopback, with {@code auth} and {@code acls} from a YAML
 * file: who gets which status for the REST API, the event log download and the web UI.
 */
class AccessControlHttpTest {

  /** Owner alice; viewers bob and group analysts; app admin carol. */
  private static final String RESTRICTED = "local-1700000000001";
  /** Owner dave; {@code spark.ui.view.acls=*}. */
  private static final String PUBLIC = "local-1700000000002";
  /** Owner erin; no ACLs at all. */
  private static final String PRIVATE = "local-1700000000003";

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path logs;

  @BeforeEach
  void writeLogs() throws IOException {
    logs = dir.resolve("events");
    writeApp(RESTRICTED, "alice", Map.of("spark.ui.view.acls", "bob", "spark.ui.view.acls.groups",
        "analysts", "spark.admin.acls", "carol"));
    writeApp(PUBLIC, "dave", Map.of("spark.ui.view.acls", "*"));
    writeApp(PRIVATE, "erin", Map.of());
  }

  @Test
  void aclsOffByDefaultLetEveryoneSeeEverythingAndNoHeaderNamesAUser() throws Exception {
    try (HistoryServerService server = start("")) {
      int port = server.port();
      for (String app : List.of(RESTRICTED, PUBLIC, PRIVATE)) {
        Map<String, String> spoofed = Map.of("X-Forwarded-User", "mallory");
        assertThat(get(port, "/api/v1/applications/" + app + "/jobs", spoofed).statusCode())
            .isEqualTo(200);
        assertThat(get(port, "/api/v1/applications/" + app + "/logs", Map.of()).statusCode())
            .isEqualTo(200);
        assertThat(get(port, "/ui/apps/" + app, Map.of()).statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void basicAuthWithAclsDecidesPerApplicationAsSparkDoes() throws Exception {
    Path users = dir.resolve("users");
    Files.writeString(users, "# user:hash\n" + user("alice") + user("bob") + user("carol")
        + user("dan") + user("ops") + user("mallory") + user("sam"));
    try (HistoryServerService server = start("""
        auth:
          basic:
            users_file: %s
          groups:
            analysts: [dan]
            sre: [sam]
        acls:
          enabled: true
          admin_users: [ops]
          admin_groups: [sre]
        """.formatted(users))) {
      int port = server.port();

      // Every request must prove a user; the challenge asks for basic auth.
      HttpResponse<String> none = get(port, "/api/v1/applications", Map.of());
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate"))
          .hasValue("Basic realm=\"pipelens history server\", charset=\"UTF-8\"");
      assertThat(get(port, "/ui/apps", Map.of()).statusCode()).isEqualTo(401);
      HttpResponse<String> wrong = get(port, "/api/v1/applications", basic("alice", "bob-pass"));
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).isEqualTo("wrong user or password");
      assertThat(get(port, "/api/v1/applications/" + RESTRICTED + "/jobs",
          Map.of("X-Forwarded-User", "alice")).statusCode())
          .as("no trusted header is configured, so naming oneself in one gets nowhere")
          .isEqualTo(401);

      // The list and each application's summary answer every user, as Spark's do.
      HttpResponse<String> list = get(port, "/api/v1/applications", basic("mallory"));
      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(list.body()).findValuesAsText("id"))
          .containsExactlyInAnyOrder(RESTRICTED, PUBLIC, PRIVATE);
      assertThat(get(port, "/api/v1/applications/" + PRIVATE, basic("mallory")).statusCode())
          .isEqualTo(200);
      assertThat(get(port, "/ui/apps", basic("mallory")).statusCode()).isEqualTo(200);

      Map<String, Map<String, Integer>> expected = new LinkedHashMap<>();
      expected.put(RESTRICTED, Map.of("alice", 200, "bob", 200, "carol", 200, "dan", 200,
          "ops", 200, "sam", 200, "mallory", 403));
      expected.put(PUBLIC, Map.of("alice", 200, "mallory", 200, "ops", 200));
      expected.put(PRIVATE, Map.of("alice", 403, "bob", 403, "carol", 403, "dan", 403,
          "ops", 200, "sam", 200, "mallory", 403));
      List<String> mismatches = new ArrayList<>();
      for (Map.Entry<String, Map<String, Integer>> app : expected.entrySet()) {
        for (Map.Entry<String, Integer> who : app.getValue().entrySet()) {
          for (String path : paths(app.getKey())) {
            int status = get(port, path, basic(who.getKey())).statusCode();
            int wanted = who.getValue() == 200 ? allowed(path) : who.getValue();
            if (status != wanted) {
              mismatches.add(who.getKey() + " " + path + ": " + status + " not " + wanted);
            }
          }
        }
      }
      assertThat(mismatches).isEmpty();

      HttpResponse<String> denied =
          get(port, "/api/v1/applications/" + PRIVATE + "/stages", basic("mallory"));
      assertThat(denied.body()).isEqualTo("user \"mallory\" is not authorized");
      assertThat(get(port, "/api/v1/applications/local-1700000000999/jobs", basic("mallory"))
          .statusCode()).as("an unknown application is still a 404").isEqualTo(404);

      // The operations endpoints stay open for Prometheus and the kubelet, and count refusals.
      HttpResponse<String> metrics = get(port, "/metrics", Map.of());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .containsPattern("pipelens_history_access_denied_total\\{status=\"401\"\\} [1-9]")
          .containsPattern("pipelens_history_access_denied_total\\{status=\"403\"\\} [1-9][0-9]");
    }
  }

  @Test
  void aTrustedHeaderIsHonouredOnlyFromTheConfiguredProxy() throws Exception {
    // The test's own connections come from 127.0.0.1: once as the proxy, once as a stranger.
    for (boolean fromProxy : List.of(true, false)) {
      String proxies = fromProxy ? "[127.0.0.0/8]" : "[192.0.2.1]";
      try (HistoryServerService server = start("""
          auth:
            trusted_header: X-Forwarded-User
            groups_header: X-Forwarded-Groups
            trusted_proxies: %s
          acls:
            enabled: true
          """.formatted(proxies))) {
        int port = server.port();
        String jobs = "/api/v1/applications/" + RESTRICTED + "/jobs";
        int asAlice = get(port, jobs, Map.of("X-Forwarded-User", "alice")).statusCode();
        int asAnalyst = get(port, jobs,
            Map.of("X-Forwarded-User", "zoe", "X-Forwarded-Groups", "guests,analysts")).statusCode();
        HttpResponse<String> anonymous = get(port, jobs, Map.of());
        int publicApp =
            get(port, "/api/v1/applications/" + PUBLIC + "/jobs", Map.of()).statusCode();

        assertThat(asAlice).isEqualTo(fromProxy ? 200 : 403);
        assertThat(asAnalyst).isEqualTo(fromProxy ? 200 : 403);
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(publicApp).as("* lets even an anonymous request see it").isEqualTo(200);
        assertThat(get(port, jobs, Map.of("X-Forwarded-User", "zoe")).statusCode())
            .isEqualTo(403);
        if (fromProxy) {
          HttpResponse<String> page = get(port, "/ui/apps/" + RESTRICTED,
              Map.of("X-Forwarded-User", "<script>alert(1)</script>"));
          assertThat(page.statusCode()).isEqualTo(403);
          assertThat(page.body()).contains("Forbidden")
              .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
              .doesNotContain("<script>alert(1)");
        }
      }
    }
  }

  /** What one application has: API resources, event logs, and the UI's pages and log lines. */
  private static List<String> paths(String app) {
    return List.of(
        "/api/v1/applications/" + app + "/jobs",
        "/api/v1/applications/" + app + "/stages/0/0/taskList",
        "/api/v1/applications/" + app + "/environment",
        "/api/v1/applications/" + app + "/logs",
        "/ui/apps/" + app,
        "/ui/apps/" + app + "/jobs/0",
        "/ui/apps/" + app + "/logs",
        // 503 (no log store configured) once allowed, never with the lines of a forbidden app.
        "/ui/api/logs?app=" + app);
  }

  /** What an allowed request gets: 200, or 503 from the log lines without a log store. */
  private static int allowed(String path) {
    return path.startsWith("/ui/api/logs") ? 503 : 200;
  }

  private HistoryServerService start(String yaml) throws Exception {
    HistoryServerConfig config =
        ConfigLoader.create(Map.of())
            .parse(
                "log_directories: ['" + logs.toUri() + "']\nscan_interval: 1h\n"
                    + "http: {host: 127.0.0.1, port: 0}\n" + yaml,
                "history.yaml",
                HistoryServerConfig.class);
    HistoryServerService service = new HistoryServerService(config);
    service.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (service.refresher().listing().size() < 3) {
      if (System.nanoTime() > deadline) {
        service.close();
        throw new AssertionError("the first scan did not list the three applications");
      }
      Thread.sleep(20);
    }
    return service;
  }

  /** A copy of a real Spark log under another id and owner, with these Spark properties added. */
  private void writeApp(String id, String owner, Map<String, String> properties)
      throws IOException {
    StringBuilder added = new StringBuilder();
    properties.forEach((key, value) -> added.append('"').append(key).append("\":\"")
        .append(value).append("\","));
    List<String> lines = new ArrayList<>();
    for (String line : TestLogs.lines(TestLogs.LOCAL_1422981780767)) {
      lines.add(line
          .replace("\"App ID\":\"local-1422981780767\"", "\"App ID\":\"" + id + "\"")
          .replace("\"User\":\"irashid\"", "\"User\":\"" + owner + "\"")
          .replace("\"Spark Properties\":{", "\"Spark Properties\":{" + added));
    }
    assertThat(String.join("\n", lines)).contains("\"User\":\"" + owner + "\"");
    TestLogs.write(logs.resolve(id), lines);
  }

  private static String user(String name) {
    return name + ":" + PasswordHash.create(password(name).toCharArray(),
        PasswordHash.MIN_ITERATIONS).text() + "\n";
  }

  private static String password(String user) {
    return user + "-pass";
  }

  private static Map<String, String> basic(String user) {
    return basic(user, password(user));
  }

  private static Map<String, String> basic(String user, String password) {
    return Map.of("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  private static HttpResponse<String> get(int port, String path, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    headers.forEach(request::header);
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
