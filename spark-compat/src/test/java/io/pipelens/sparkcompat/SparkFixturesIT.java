package io.pipelens.sparkcompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.core.config.ConfigLoader;
import io.pipelens.history.app.HistoryServerConfig;
import io.pipelens.history.app.HistoryServerService;
import io.pipelens.testsupport.json.JsonDiff;
import io.pipelens.testsupport.json.JsonDiff.Difference;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark's own conformance fixtures ({@code ../shared/spark-events-fixtures}: the event logs of
 * Spark's {@code HistoryServerSuite}, Spark 1.x to 4.x, and its request list {@code CASES.tsv})
 * served by Spark 4.1.2's History Server and by ours: every case is sent to both and the answers
 * compared, as {@link SparkCompatIT} does for logs Spark writes here. Differences are fixed or in
 * {@code spark-fixtures-allowlist.tsv} (application column: the case name). Skipped with a printed
 * reason when the fixtures are absent (a developer's clone without {@code ../shared}).
 */
class SparkFixturesIT {

  private static final String FIXTURES_PROPERTY = "pipelens.sparkFixtures";
  private static final Duration READY = Duration.ofMinutes(3);

  @TempDir static Path work;

  @Test
  void everyCaseAnswersLikeSparksHistoryServer() throws Exception {
    Optional<Path> found = fixtures();
    if (found.isEmpty()) {
      String reason = "Spark's fixtures not found (set -D" + FIXTURES_PROPERTY + "=DIR); skipping";
      System.out.println(reason);
      Assumptions.abort(reason);
    }
    Path fixtures = found.get();
    Path logs = copyEventLogs(fixtures, work.resolve("events"));
    List<String[]> cases = new ArrayList<>();
    List<String> lines = Files.readAllLines(fixtures.resolve("CASES.tsv"), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] columns = line.split("\t");
      if (columns.length == 3) {
        cases.add(columns);
      }
    }
    assertThat(cases).hasSizeGreaterThan(40);

    Path module = Path.of("").toAbsolutePath();
    SparkRuntime runtime = SparkRuntime.resolve(module);
    try (SparkHistoryServer spark =
            SparkHistoryServer.start(
                runtime,
                logs.toUri().toString(),
                module.resolve("target/spark-fixtures-history-server.log"));
        HistoryServerService ours = pipelens(logs)) {
      ours.start();
      // Several logs may be attempts of one application: ours lists all in its first scan, and
      // Spark's list must reach the same size.
      int applications = RestApi.awaitListing(ours.port(), n -> n >= 1, READY, spark, "pipelens'").size();
      RestApi.awaitListing(spark.port(), n -> n >= applications, READY, spark, "Spark's");

      AllowList allowList = AllowList.only("/spark-fixtures-allowlist.tsv");
      Set<AllowList.Entry> used = new LinkedHashSet<>();
      Map<String, List<String>> unexplained = new LinkedHashMap<>();
      int equal = 0;
      int allowed = 0;
      for (String[] golden : cases) {
        String name = golden[0];
        String path = golden[1];
        HttpResponse<String> theirs = RestApi.get(spark.port(), path);
        HttpResponse<String> mine = RestApi.get(ours.port(), path);
        List<Difference> differences = new ArrayList<>();
        if (theirs.statusCode() != mine.statusCode()) {
          differences.add(
              new Difference("status", theirs.statusCode() + " vs " + mine.statusCode()));
        } else if (theirs.statusCode() == 200) {
          differences.addAll(JsonDiff.differences(RestApi.parse(theirs), RestApi.parse(mine)));
        }
        if (differences.isEmpty()) {
          equal++;
          continue;
        }
        List<String> left = new ArrayList<>();
        for (Difference difference : differences) {
          AllowList.Entry entry = allowList.find(name, path, difference);
          if (entry == null) {
            left.add(difference.toString());
          } else {
            used.add(entry);
          }
        }
        if (left.isEmpty()) {
          allowed++;
        } else {
          unexplained.put(name + "\t" + path, left.subList(0, Math.min(left.size(), 8)));
        }
      }
      System.out.printf(
          "Spark's fixtures, Spark 4.1.2's History Server vs pipelens: %d cases: %d equal, %d"
              + " equal but for allow-listed fields, %d with unexplained differences%n",
          cases.size(), equal, allowed, unexplained.size());
      StringBuilder report = new StringBuilder();
      unexplained.forEach(
          (key, diff) ->
              report.append(key).append("\n    ").append(String.join("\n    ", diff)).append('\n'));
      Files.writeString(module.resolve("target/spark-fixtures-differences.txt"), report);
      assertThat(unexplained).as("differences from Spark's answers:\n" + report).isEmpty();
      List<AllowList.Entry> stale = new ArrayList<>(allowList.entries());
      stale.removeAll(used);
      stale.removeIf(AllowList.Entry::timing);
      assertThat(stale).as("allow-list entries no difference needed; remove them").isEmpty();
    }
  }

  private static HistoryServerService pipelens(Path logs) throws Exception {
    return new HistoryServerService(
        ConfigLoader.create(Map.of())
            .parse(
                "log_directories:\n  - "
                    + logs.toUri()
                    + "\nscan_interval: 1s\nhttp:\n  host: 127.0.0.1\n  port: 0\n"
                    + "logging:\n  level: warn\n",
                "spark-fixtures.yaml",
                HistoryServerConfig.class));
  }

  /** The system property, then {@code ../shared/spark-events-fixtures} next to the checkout. */
  private static Optional<Path> fixtures() {
    List<Path> candidates = new ArrayList<>();
    String configured = System.getProperty(FIXTURES_PROPERTY);
    if (configured != null) {
      candidates.add(Path.of(configured));
    }
    Path repositoryRoot = Path.of("").toAbsolutePath().getParent();
    if (repositoryRoot != null && repositoryRoot.getParent() != null) {
      candidates.add(repositoryRoot.getParent().resolve("shared/spark-events-fixtures"));
    }
    return candidates.stream().filter(c -> Files.isRegularFile(c.resolve("CASES.tsv"))).findFirst();
  }

  /** Only the event logs: no README, TSV, licence, golden or underscore folders. */
  private static Path copyEventLogs(Path fixtures, Path target) throws IOException {
    Files.createDirectories(target);
    try (Stream<Path> entries = Files.list(fixtures)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        if (name.endsWith(".md")
            || name.endsWith(".tsv")
            || name.startsWith("LICENSE-")
            || name.startsWith("_")
            || name.equals("HistoryServerExpectations")) {
          continue;
        }
        if (Files.isDirectory(entry)) {
          Path dir = Files.createDirectories(target.resolve(name));
          try (Stream<Path> files = Files.list(entry)) {
            for (Path file : (Iterable<Path>) files::iterator) {
              Files.copy(file, dir.resolve(file.getFileName().toString()));
            }
          }
        } else {
          Files.copy(entry, target.resolve(name));
        }
      }
    }
    return target;
  }

}
