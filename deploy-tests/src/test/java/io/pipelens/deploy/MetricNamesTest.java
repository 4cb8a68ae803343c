package io.pipelens.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every pipelens_* metric an alert or a dashboard queries is documented in docs/metrics.md and
 * registered by the code (its Micrometer name, dotted or underscored, is a string literal in a
 * component's main sources).
 */
class MetricNamesTest {

  private static final Pattern METRIC = Pattern.compile("\\bpipelens_[a-z0-9_]+");
  private static final List<String> SUFFIXES = List.of("_bucket", "_count", "_sum", "_max", "_total");
  private static final List<String> UNITS = List.of("_seconds", "_bytes");

  static Set<String> usedMetrics() {
    Set<String> used = new TreeSet<>();
    for (JsonNode rule : AlertsTest.alerts()) {
      collect(rule.path("expr").asText(), used);
    }
    Path dashboards = Repo.path("dashboards");
    for (Path json : Repo.list(dashboards, ".json")) {
      Repo.JSON.valueToTree(readJson(json)).findValues("expr").forEach(e -> collect(e.asText(), used));
    }
    return used;
  }

  private static JsonNode readJson(Path file) {
    try {
      return Repo.JSON.readTree(file.toFile());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void collect(String expr, Set<String> into) {
    Matcher m = METRIC.matcher(expr);
    while (m.find()) {
      into.add(m.group());
    }
  }

  @Test
  void alertsUseMetrics() {
    assertThat(usedMetrics()).contains("pipelens_agent_bytes_behind", "pipelens_collector_kafka_lag",
        "pipelens_history_replay_failures_total");
  }

  @Test
  void everyUsedMetricIsDocumented() {
    String docs = Repo.read(Repo.path("docs/metrics.md"));
    Set<String> documented = new TreeSet<>();
    Matcher m = Pattern.compile("`(pipelens_[a-z0-9_]+)`").matcher(docs);
    while (m.find()) {
      documented.add(m.group(1));
    }
    List<String> missing = new ArrayList<>();
    for (String metric : usedMetrics()) {
      String base = metric;
      for (String suffix : List.of("_bucket", "_count", "_sum", "_max")) {
        // histogram and timer series of a documented metric
        if (base.endsWith(suffix) && documented.contains(base.substring(0, base.length() - suffix.length()))) {
          base = base.substring(0, base.length() - suffix.length());
        }
      }
      if (!documented.contains(base)) {
        missing.add(metric);
      }
    }
    assertThat(missing).as("metrics used but not in docs/metrics.md").isEmpty();
  }

  @Test
  void everyUsedMetricIsRegisteredByTheCode() {
    StringBuilder sources = new StringBuilder();
    for (String module : List.of("runtime", "agent", "collector", "history-server")) {
      Path main = Repo.path(module + "/src/main/java");
      for (Path java : Repo.walk(main, ".java")) {
        sources.append(Repo.read(java)).append('\n');
      }
    }
    String code = sources.toString();
    List<String> missing = new ArrayList<>();
    for (String metric : usedMetrics()) {
      if (candidates(metric).stream().noneMatch(c -> Pattern.compile("\"" + c + "\"").matcher(code).find())) {
        missing.add(metric);
      }
    }
    assertThat(missing).as("metrics used but registered nowhere in the main sources").isEmpty();
  }

  /** Regexes of the names Micrometer exports as {@code metric}: suffixes and base units stripped, '.' or '_'. */
  static List<String> candidates(String metric) {
    List<String> names = new ArrayList<>();
    String name = metric;
    for (String suffix : SUFFIXES) {
      if (name.endsWith(suffix)) {
        name = name.substring(0, name.length() - suffix.length());
        break;
      }
    }
    names.add(name);
    for (String unit : UNITS) {
      if (name.endsWith(unit)) {
        names.add(name.substring(0, name.length() - unit.length()));
      }
    }
    return names.stream().map(n -> n.replace("_", "[._]")).toList();
  }
}
