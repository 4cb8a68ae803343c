package io.pipelens.history.ui;

import io.pipelens.history.app.HistoryServerConfig;
import io.pipelens.history.app.HistoryServerService;
import io.pipelens.history.testing.SyntheticStageLog;
import io.pipelens.runtime.ops.HttpConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: {@code bench/history-ui/run.sh} runs it. Times the HTML of a 200,000-task stage
 * (first page, sorted by duration, failed only, last page) over loopback HTTP, after one replay
 * and a warm-up, next to a reference measured in the same run: the same page of tasks from the
 * REST API ({@code taskList?length=100}) and {@code /healthz}.
 */
public final class StagePageBenchmark {

  private StagePageBenchmark() {}

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Path dir = Files.createTempDirectory("pipelens-ui-bench-");
    String app = "app-20260101000000-0001";
    long written = System.nanoTime();
    Path log = SyntheticStageLog.write(dir, app, tasks);
    System.out.printf(Locale.ROOT, "log: %,d tasks, %,d bytes, written in %d ms%n", tasks, Files.size(log),
        (System.nanoTime() - written) / 1_000_000);
    HistoryServerService server = new HistoryServerService(new HistoryServerConfig(
        List.of(dir.toUri()), Duration.ofMillis(200), new HttpConfig("127.0.0.1", 0), null, null));
    server.start();
    try {
      while (server.refresher().listing().size() < 1) {
        Thread.sleep(20);
      }
      String base = "http://127.0.0.1:" + server.port();
      HttpClient http = HttpClient.newHttpClient();
      String stage = base + "/ui/apps/" + app + "/stages/0/0";
      long replay = System.nanoTime();
      get(http, stage);
      System.out.printf(Locale.ROOT, "first request (replays the log): %d ms%n", (System.nanoTime() - replay) / 1_000_000);
      String[][] cases = {
        {"healthz (reference)", base + "/healthz"},
        {"api taskList length=100 (reference)", base + "/api/v1/applications/" + app + "/stages/0/0/taskList?length=100"},
        {"stage page 1, by id", stage},
        {"stage page 1, by duration desc", stage + "?sort=duration&order=desc"},
        {"stage page, failed only", stage + "?status=failed"},
        {"stage last page", stage + "?page=" + ((tasks + tasks / SyntheticStageLog.FAILED_EVERY + 99) / 100)},
        {"application page", base + "/ui/apps/" + app},
      };
      for (String[] c : cases) {
        for (int i = 0; i < 5; i++) {
          get(http, c[1]); // warm-up
        }
      }
      System.out.printf(Locale.ROOT, "%-38s %9s %9s %9s %10s%n", "request", "median ms", "p90 ms", "max ms", "bytes");
      for (String[] c : cases) {
        double[] ms = new double[rounds];
        int bytes = 0;
        for (int i = 0; i < rounds; i++) {
          long t = System.nanoTime();
          bytes = get(http, c[1]);
          ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-38s %9.1f %9.1f %9.1f %,10d%n", c[0], ms[rounds / 2], ms[(int) (rounds * 0.9)],
            ms[rounds - 1], bytes);
      }
    } finally {
      server.stop(Duration.ofSeconds(5));
      Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static int get(HttpClient http, String url) throws Exception {
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode());
    }
    return response.body().length;
  }
}
