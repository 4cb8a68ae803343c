package io.pipelens.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.pipelens.deploy.Manifests.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dashboards/: the Grafana JSON conventions, and the provisioning ConfigMaps generated from it. */
class DashboardsTest {

  static final Path DIR = Repo.path("dashboards");
  static final Set<String> UNITS = Set.of("short", "none", "bytes", "decbytes", "Bps", "binBps", "s", "ms", "percent",
      "percentunit", "ops", "reqps", "cps", "rps", "wps", "iops");
  static final String DATASOURCE = "${datasource}";

  static List<Path> dashboards() {
    List<Path> files = Repo.list(DIR, ".json");
    assertThat(files).as("dashboards/*.json").isNotEmpty();
    return files;
  }

  static JsonNode json(Path file) throws Exception {
    return Repo.JSON.readTree(file.toFile());
  }

  /** Every panel, rows' nested panels included. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode p : dashboard.path("panels")) {
      all.add(p);
      p.path("panels").forEach(all::add);
    }
    return all;
  }

  @Test
  void topLevelConventions() throws Exception {
    Set<String> uids = new HashSet<>();
    for (Path file : dashboards()) {
      JsonNode d = json(file);
      String name = file.getFileName().toString();
      assertThat(d.get("id").isNull()).as(name + " id null").isTrue();
      String uid = d.path("uid").asText();
      assertThat(uid).as(name + " uid").matches("pipelens-[a-z0-9-]+").hasSizeLessThanOrEqualTo(40);
      assertThat(name).as("file named after its uid").isEqualTo(uid + ".json");
      assertThat(uids.add(uid)).as("uid unique").isTrue();
      assertThat(d.path("schemaVersion").asInt()).as(name + " schemaVersion").isEqualTo(39);
      assertThat(d.path("title").asText()).startsWith("pipelens / ");
      assertThat(d.path("tags")).extracting(JsonNode::asText).contains("pipelens");
      assertThat(d.path("editable").asBoolean(true)).as("provisioned dashboards are not editable").isFalse();
      assertThat(d.path("graphTooltip").asInt()).isEqualTo(1);
      assertThat(d.path("version").isInt()).isTrue();

      JsonNode variables = d.path("templating").path("list");
      JsonNode datasource = variables.get(0);
      assertThat(datasource.path("name").asText()).isEqualTo("datasource");
      assertThat(datasource.path("type").asText()).isEqualTo("datasource");
      assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
      assertThat(datasource.path("label").asText()).isEqualTo("Data source");
      for (JsonNode v : variables) {
        if (v.path("type").asText().equals("query")) {
          assertThat(v.path("datasource").path("uid").asText()).as(v.path("name") + " datasource").isEqualTo(DATASOURCE);
          assertThat(v.path("refresh").asInt()).as(v.path("name") + " refresh on time change").isEqualTo(2);
          // ".*" where the label may be absent (cluster is an external label of multi-cluster setups;
          // team and priority on Spark and Ray series exist only when the PodMonitor copies pod labels).
          assertThat(v.path("allValue").asText()).as(v.path("name") + " allValue")
              .isEqualTo(v.path("name").asText().equals("cluster")
                  || MAY_BE_ABSENT.get(name).contains(v.path("name").asText()) ? ".*" : ".+");
        }
      }
      for (String variable : List.of("cluster", "namespace")) {
        assertThat(variables.findValuesAsText("name")).as(name + " variables").contains(variable);
      }
    }
  }

  /** Variables whose label a series may lack, per dashboard. */
  static final java.util.Map<String, Set<String>> MAY_BE_ABSENT = java.util.Map.of(
      "pipelens-pipeline-health.json", Set.of(),
      "pipelens-oncall-overview.json", Set.of(),
      "pipelens-spark-jobs.json", Set.of("team", "priority"),
      "pipelens-raycluster.json", Set.of("team", "priority"));

  /** Pipeline health: both kinds of compute on one screen, so every series is split by compute_type. */
  @Test
  void pipelineHealthSplitsEveryPanelByComputeType() throws Exception {
    JsonNode d = json(DIR.resolve("pipelens-pipeline-health.json"));
    int split = 0;
    for (JsonNode p : panels(d)) {
      if (p.path("type").asText().equals("row")) {
        continue;
      }
      String title = p.path("title").asText();
      if (p.path("description").asText().contains("no compute_type split")) {
        continue;
      }
      for (JsonNode t : p.path("targets")) {
        assertThat(t.path("expr").asText()).as(title).containsPattern("by \\([^)]*compute_type");
        assertThat(t.path("legendFormat").asText()).as(title).contains("{{compute_type}}");
        split++;
      }
    }
    assertThat(split).isGreaterThanOrEqualTo(16);
  }

  @Test
  void panelConventions() throws Exception {
    for (Path file : dashboards()) {
      JsonNode d = json(file);
      Set<Integer> ids = new HashSet<>();
      for (JsonNode p : panels(d)) {
        String title = file.getFileName() + " panel " + p.path("title").asText();
        assertThat(ids.add(p.path("id").asInt())).as(title + " id unique").isTrue();
        JsonNode grid = p.path("gridPos");
        assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(title + " within 24 columns").isLessThanOrEqualTo(24);
        assertThat(grid.path("w").asInt()).isPositive();
        assertThat(grid.path("h").asInt()).isPositive();
        if (p.path("type").asText().equals("row")) {
          continue;
        }
        if (p.path("type").asText().equals("text")) {
          // Says why a figure is missing (the metrics it needs do not exist yet): no queries.
          assertThat(p.path("title").asText()).as(title).isNotBlank();
          assertThat(p.path("description").asText()).as(title + " description").isNotBlank();
          assertThat(p.path("options").path("content").asText()).as(title + " content").isNotBlank();
          assertThat(p.path("targets")).as(title + " text panels have no targets").isEmpty();
          continue;
        }
        assertThat(p.path("title").asText()).as(title).isNotBlank();
        assertThat(p.path("description").asText()).as(title + " description").isNotBlank();
        assertThat(p.path("datasource").path("uid").asText()).as(title + " datasource").isEqualTo(DATASOURCE);
        assertThat(p.path("fieldConfig").path("defaults").path("unit").asText()).as(title + " unit").isIn(UNITS);
        assertThat(p.path("targets")).as(title + " targets").isNotEmpty();
        for (JsonNode t : p.path("targets")) {
          String expr = t.path("expr").asText();
          assertThat(t.path("datasource").path("uid").asText()).as(title + " target datasource").isEqualTo(DATASOURCE);
          assertThat(t.path("legendFormat").asText()).as(title + " legendFormat").isNotBlank();
          assertThat(expr).as(title + " filters by namespace").contains("namespace=~\"$namespace\"");
          assertThat(expr).as(title + " filters by cluster").contains("cluster=~\"$cluster\"");
          // every counter inside rate() or increase(), over $__rate_interval
          Matcher counter = Pattern.compile("pipelens_[a-z0-9_]+_total\\{[^}]*\\}(\\[[^\\]]*\\])?").matcher(expr);
          while (counter.find()) {
            String range = counter.group(1);
            assertThat(range).as(title + ": counter without a range: " + counter.group()).isEqualTo("[$__rate_interval]");
            String before = expr.substring(0, counter.start());
            assertThat(before).as(title + ": counter not in rate/increase").matches("(?s).*\\b(rate|increase)\\($");
          }
        }
      }
    }
  }

  @Test
  void configMapsAreGeneratedFromTheJson(@TempDir Path tmp) throws Exception {
    AlertsTest.Result r = AlertsTest.run(new ProcessBuilder("bash", DIR.resolve("generate.sh").toString(), tmp.toString()));
    assertThat(r.exit()).as(r.output()).isZero();
    List<Path> committed = Repo.list(DIR.resolve("configmaps"), ".yaml");
    assertThat(committed).hasSameSizeAs(dashboards());
    for (Path json : dashboards()) {
      String name = json.getFileName().toString().replace(".json", "");
      Path cm = DIR.resolve("configmaps/" + name + ".yaml");
      assertThat(Files.readString(cm)).as(cm + " is stale: run dashboards/generate.sh")
          .isEqualTo(Files.readString(tmp.resolve(name + ".yaml")));
      List<Manifest> parsed = Manifests.parse(cm);
      assertThat(parsed).hasSize(1);
      assertThat(Manifests.unknownFields(parsed.get(0).resource())).isEmpty();
      ConfigMap map = (ConfigMap) parsed.get(0).resource();
      assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
      assertThat(map.getData()).containsOnlyKeys(name + ".json");
      assertThat(map.getData().get(name + ".json")).isEqualTo(Files.readString(json));
      assertThat(Files.size(cm)).as("ConfigMaps hold at most 1 MiB").isLessThan(1024 * 1024);
    }
  }

  @Test
  void everyQueryIsValidPromQL(@TempDir Path tmp) throws Exception {
    String promtool = AlertsTest.findOnPath("promtool");
    if (promtool == null) {
      assertThat(System.getenv("CI")).as("promtool is missing; CI must install Debian's prometheus package").isNotEqualTo("true");
      Assumptions.abort("promtool is not installed");
    }
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
    int n = 0;
    for (Path file : dashboards()) {
      for (JsonNode p : panels(json(file))) {
        for (JsonNode t : p.path("targets")) {
          String expr = t.path("expr").asText()
              .replace("$__rate_interval", "5m").replace("$__interval", "1m").replace("$namespace", ".+")
              .replace("$cluster", ".*").replace("$team", ".+").replace("$priority", ".+");
          assertThat(expr).doesNotContain("$");
          rules.append("      - record: dashboard:query").append(n++).append(":expr\n        expr: ")
              .append(Repo.JSON.writeValueAsString(expr)).append('\n');
        }
      }
    }
    Path file = tmp.resolve("queries.rules.yml");
    Files.writeString(file, rules);
    AlertsTest.Result r = AlertsTest.run(new ProcessBuilder(promtool, "check", "rules", file.toString()));
    assertThat(r.exit()).as(r.output() + "\n" + rules).isZero();
  }
}
