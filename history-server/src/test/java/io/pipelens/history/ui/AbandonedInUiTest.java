package io.pipelens.history.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.history.app.HistoryServerConfig;
import io.pipelens.history.app.HistoryServerService;
import io.pipelens.history.testing.Http;
import io.pipelens.history.testing.TestLogs;
import io.pipelens.runtime.ops.HttpConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application list and page say "Abandoned" for a log that stopped growing without an end
 * event, as the REST API does ({@code abandoned_after}), and the status filter tells it from a
 * running one.
 */
class AbandonedInUiTest {

  private static final String DEAD = "app-dead";
  private static final String ALIVE = "app-alive";
  /** The badge, not the filter's option of the same word. */
  private static final String ABANDONED_BADGE =
      "<span class=\"badge badge-warning\"><span aria-hidden=\"true\">!</span> Abandoned</span>";

  @TempDir Path dir;

  private HistoryServerService server;

  @BeforeEach
  void start() throws Exception {
    List<String> lines = new ArrayList<>(TestLogs.lines(TestLogs.LOCAL_1422981780767));
    lines.remove(TestLogs.indexOf(lines, "SparkListenerApplicationEnd"));
    Path dead = TestLogs.write(dir.resolve(DEAD + ".inprogress"), withAppId(lines, DEAD));
    Path alive = TestLogs.write(dir.resolve(ALIVE + ".inprogress"), withAppId(lines, ALIVE));
    long now = System.currentTimeMillis();
    TestLogs.touch(dead, now - Duration.ofHours(2).toMillis());
    TestLogs.touch(alive, now - Duration.ofMinutes(1).toMillis());
    server = new HistoryServerService(new HistoryServerConfig(
        List.of(dir.toUri()), Duration.ofMillis(100), new HttpConfig("127.0.0.1", 0), null, null,
        null, null, null, null, Duration.ofMinutes(30), null, null));
    server.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (server.refresher().listing().size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  @AfterEach
  void stop() {
    server.stop(Duration.ofSeconds(5));
  }

  @Test
  void theStatusFilterAndBadgesTellAbandonedFromRunning() throws Exception {
    String abandoned = Http.get(server.port(), "/ui/apps?status=abandoned").body();
    assertThat(abandoned).contains(DEAD).doesNotContain(ALIVE).contains(ABANDONED_BADGE);

    String running = Http.get(server.port(), "/ui/apps?status=running").body();
    assertThat(running).contains(ALIVE).doesNotContain(DEAD).doesNotContain(ABANDONED_BADGE);

    assertThat(Http.get(server.port(), "/ui/apps/" + DEAD).body()).contains(ABANDONED_BADGE);
    assertThat(Http.get(server.port(), "/ui/apps/" + ALIVE).body())
        .contains("badge-running").doesNotContain(ABANDONED_BADGE);
  }

  private static List<String> withAppId(List<String> lines, String appId) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(line.contains("SparkListenerApplicationStart")
          ? line.replace("\"App ID\":\"local-1422981780767\"", "\"App ID\":\"" + appId + "\"")
          : line);
    }
    return out;
  }
}
