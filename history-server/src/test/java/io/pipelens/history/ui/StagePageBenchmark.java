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
      applicationList(rounds);
    } finally {
      server.stop(Duration.ofSeconds(5));
      Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * The application list's HTML over 100,000 listed applications (rendered directly from a
   * listing, no HTTP), unfiltered and with filters and sorts, next to a plain pass over the same
   * listing that only counts the failed ones, as the reference.
   */
  private static void applicationList(int rounds) {
    List<io.pipelens.history.listing.AttemptSummary> attempts = new java.util.ArrayList<>();
    java.util.Random random = new java.util.Random(42);
    String[] teams = {"curation", "dedup", "ocr", "asr", "video"};
    for (int i = 0; i < 100_000; i++) {
      long start = 1_700_000_000_000L + i * 60_000L;
      boolean running = i % 100 == 0;
      long duration = 60_000L + random.nextInt(3_600_000);
      attempts.add(new io.pipelens.history.listing.AttemptSummary(
          String.format(Locale.ROOT, "spark-%08d", i), "job-" + i, null, start, running ? -1 : start + duration,
          start + duration, running ? 0 : duration, "user" + (i % 40), !running, "3.5.1", "file:///logs/" + i,
          new io.pipelens.history.listing.AttemptLabels(teams[i % teams.length], "p" + (i % 3), "ns-" + (i % 7)),
          new io.pipelens.history.listing.AttemptHealth(i % 10 == 0 ? 3 : 0, i % 25 == 0 ? 1 : 0, null)));
    }
    List<io.pipelens.history.listing.ApplicationSummary> listing =
        io.pipelens.history.listing.ApplicationListing.of(attempts).applications();
    String[][] cases = {
      {"list: count failed (reference)", null},
      {"list: first page", ""},
      {"list: status=failed", "status=failed"},
      {"list: team+namespace, by duration", "team=ocr&namespace=ns-3&sort=duration&order=desc"},
      {"list: name search, page 20", "name=job-99&page=20"},
    };
    System.out.printf(Locale.ROOT, "%n%,d applications%n%-38s %9s %9s %9s %10s%n", listing.size(), "request",
        "median ms", "p90 ms", "max ms", "chars");
    for (String[] c : cases) {
      double[] ms = new double[rounds];
      int size = 0;
      for (int i = -5; i < rounds; i++) {
        long t = System.nanoTime();
        if (c[1] == null) {
          int failed = 0;
          for (io.pipelens.history.listing.ApplicationSummary app : listing) {
            failed += app.latestAttempt().health().failed() ? 1 : 0;
          }
          size = failed;
        } else {
          size = io.pipelens.history.ui.page.AppListPage.render(
              listing, null, app -> io.pipelens.history.listing.Liveness.NEVER_ABANDONED.state(app, 0),
              io.pipelens.history.ui.http.Params.parse(c[1])).length();
        }
        if (i >= 0) {
          ms[i] = (System.nanoTime() - t) / 1e6;
        }
      }
      Arrays.sort(ms);
      System.out.printf(Locale.ROOT, "%-38s %9.1f %9.1f %9.1f %,10d%n", c[0], ms[rounds / 2], ms[(int) (rounds * 0.9)],
          ms[rounds - 1], size);
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
