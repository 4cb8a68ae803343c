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
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application page's executors table shows when an executor was removed and why, as a
 * Kubernetes cluster reports it (an OOMKilled container): a real Spark 3.0 log with one
 * {@code SparkListenerExecutorRemoved} event added before its end, in Spark's own shape.
 */
class ExecutorRemovalInUiTest {

  private static final String APP = TestLogs.YARN_3_0;
  private static final String REASON =
      "The executor with id 1 exited with exit code 137(SIGKILL, possible container OOM).";

  @TempDir Path dir;

  private HistoryServerService server;

  @BeforeEach
  void start() throws Exception {
    List<String> lines = new ArrayList<>(TestLogs.lines(APP));
    int end = TestLogs.indexOf(lines, "SparkListenerApplicationEnd");
    lines.add(end, "{\"Event\":\"SparkListenerExecutorRemoved\",\"Timestamp\":1562101360000,"
        + "\"Executor ID\":\"1\",\"Removed Reason\":\"" + REASON + "\"}");
    TestLogs.write(dir.resolve(APP), lines);
    server = new HistoryServerService(new HistoryServerConfig(
        List.of(dir.toUri()), Duration.ofMillis(100), new HttpConfig("127.0.0.1", 0), null, null));
    server.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (server.refresher().listing().size() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  @AfterEach
  void stop() {
    server.stop(Duration.ofSeconds(5));
  }

  @Test
  void aRemovedExecutorShowsItsRemovalTimeAndReason() throws Exception {
    String html = Http.get(server.port(), "/ui/apps/" + APP).body();
    List<Element> rows = Jsoup.parse(html).select("section[aria-labelledby=executors-heading] tbody tr");
    Element removed = rows.stream().filter(r -> r.select("td").first().text().equals("1")).findFirst().orElseThrow();
    assertThat(removed.text()).contains("2019-07-02 21:02:40").contains(REASON).doesNotContain("active");
    Element other = rows.stream().filter(r -> r.select("td").first().text().equals("2")).findFirst().orElseThrow();
    assertThat(other.text()).doesNotContain(REASON);
  }
}
