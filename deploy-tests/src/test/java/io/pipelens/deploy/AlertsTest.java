package io.pipelens.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** alerts/: conventions, runbooks, unit-test coverage, the generated PrometheusRule, and promtool. */
class AlertsTest {

  static final Path RULES = Repo.path("alerts/pipelens.rules.yml");
  static final Path TESTS = Repo.path("alerts/tests/pipelens.test.yml");
  static final Path CRD = Repo.path("alerts/prometheusrule.yaml");
  static final Path RUNBOOK = Repo.path("docs/runbooks/pipelens.md");
  static final String RUNBOOK_URL = "https://github.com/pipelens/pipelens/blob/main/docs/runbooks/pipelens.md#";

  static List<JsonNode> alerts() {
    List<JsonNode> alerts = new ArrayList<>();
    Repo.yaml(RULES).get("groups").forEach(g -> g.get("rules").forEach(alerts::add));
    return alerts;
  }

  @Test
  void groupsAreNamedPerComponent() {
    List<String> names = new ArrayList<>();
    Repo.yaml(RULES).get("groups").forEach(g -> names.add(g.get("name").asText()));
    assertThat(names).containsExactly("pipelens-agent.rules", "pipelens-collector.rules", "pipelens-history-server.rules",
        "pipelens-jobs.rules");
  }

  @Test
  void everyAlertFollowsTheConventions() {
    List<JsonNode> alerts = alerts();
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(15);
    Set<String> names = new HashSet<>();
    String runbook = Repo.read(RUNBOOK);
    for (JsonNode rule : alerts) {
      String name = rule.path("alert").asText();
      assertThat(name).as("only alerts, no recording rules").isNotEmpty().matches("Pipelens[A-Z][A-Za-z]+");
      assertThat(names.add(name)).as(name + " unique").isTrue();
      assertThat(rule.path("expr").asText()).as(name + " expr").isNotBlank();
      assertThat(rule.path("for").asText()).as(name + " for").matches("[1-9][0-9]*[mh]");
      assertThat(rule.path("labels").path("severity").asText()).as(name + " severity").isIn("critical", "warning", "info");
      JsonNode annotations = rule.path("annotations");
      assertThat(annotations.path("summary").asText()).as(name + " summary").isNotBlank().endsWith(".").doesNotContain("{{");
      assertThat(annotations.path("description").asText()).as(name + " description").isNotBlank();
      assertThat(annotations.path("runbook_url").asText()).as(name + " runbook_url").isEqualTo(RUNBOOK_URL + name.toLowerCase());
      assertThat(runbook).as("runbook section for " + name).contains("\n### " + name + "\n");
    }
  }

  @Test
  void everyRunbookSectionHasMeansConfirmFixAndAnAlert() {
    Set<String> alertNames = new HashSet<>();
    alerts().forEach(a -> alertNames.add(a.path("alert").asText()));
    String[] sections = Repo.read(RUNBOOK).split("\n### ");
    assertThat(sections.length - 1).isEqualTo(alertNames.size());
    for (int i = 1; i < sections.length; i++) {
      String section = sections[i];
      String name = section.lines().findFirst().orElseThrow();
      assertThat(alertNames).as("runbook section without an alert").contains(name);
      assertThat(section).as(name).contains("**Means:**", "**Confirm:**", "**Fix:**");
    }
  }

  @Test
  void everyAlertIsUnitTestedFiringAndNotFiring() {
    JsonNode tests = Repo.yaml(TESTS);
    assertThat(tests.get("rule_files")).extracting(JsonNode::asText).containsExactly("../pipelens.rules.yml");
    Set<String> firing = new HashSet<>();
    Set<String> silent = new HashSet<>();
    for (JsonNode group : tests.get("tests")) {
      for (JsonNode t : group.path("alert_rule_test")) {
        String name = t.path("alertname").asText();
        JsonNode expected = t.path("exp_alerts");
        if (expected.isMissingNode() || expected.isEmpty()) {
          silent.add(name);
        } else {
          firing.add(name);
          for (JsonNode alert : expected) {
            assertThat(alert.path("exp_labels").path("severity").asText()).as(name + " exp_labels severity").isNotBlank();
            assertThat(alert.path("exp_annotations").path("runbook_url").asText()).as(name + " exp_annotations").isNotBlank();
          }
        }
      }
    }
    Set<String> names = new HashSet<>();
    alerts().forEach(a -> names.add(a.path("alert").asText()));
    assertThat(firing).as("alerts tested firing").containsExactlyInAnyOrderElementsOf(names);
    assertThat(silent).as("alerts tested not firing").containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void prometheusRuleHasTheSameGroupsAsThePlainFile() {
    JsonNode crd = Repo.yaml(CRD);
    assertThat(crd.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(crd.path("kind").asText()).isEqualTo("PrometheusRule");
    assertThat(crd.path("metadata").path("labels").path("release").asText()).isNotBlank();
    JsonNode generated = crd.path("spec").path("groups");
    JsonNode source = Repo.yaml(RULES).get("groups");
    String stale = "alerts/prometheusrule.yaml differs from alerts/pipelens.rules.yml (run alerts/generate.sh): ";
    assertThat(generated.size()).as(stale + "groups").isEqualTo(source.size());
    for (int g = 0; g < source.size(); g++) {
      assertThat(generated.get(g).path("name")).as(stale + "group " + g).isEqualTo(source.get(g).path("name"));
      JsonNode rules = source.get(g).path("rules");
      assertThat(generated.get(g).path("rules").size()).as(stale + source.get(g).path("name").asText()).isEqualTo(rules.size());
      for (int r = 0; r < rules.size(); r++) {
        assertThat(generated.get(g).path("rules").get(r)).as(stale + rules.get(r).path("alert").asText()).isEqualTo(rules.get(r));
      }
    }
    assertThat(generated).isEqualTo(source);
  }

  @Test
  void prometheusRuleIsWhatGenerateShWrites(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("prometheusrule.yaml");
    ProcessBuilder pb = new ProcessBuilder("bash", Repo.path("alerts/generate.sh").toString(), out.toString());
    pb.environment().remove("PROMETHEUS_RELEASE");
    Result r = run(pb);
    assertThat(r.exit).as(r.output).isZero();
    assertThat(Files.readString(out)).as("alerts/prometheusrule.yaml is stale: run alerts/generate.sh")
        .isEqualTo(Files.readString(CRD));
  }

  @Test
  void promtoolChecksAndTestsTheRules() throws Exception {
    String promtool = findOnPath("promtool");
    if (promtool == null) {
      assertThat(System.getenv("CI")).as("promtool is missing; CI must install Debian's prometheus package (.ci/run does)")
          .isNotEqualTo("true");
      Assumptions.abort("promtool is not installed (apt-get install prometheus)");
    }
    Result check = run(new ProcessBuilder(promtool, "check", "rules", RULES.toString()));
    assertThat(check.exit).as(check.output).isZero();
    Result test = run(new ProcessBuilder(promtool, "test", "rules", TESTS.getFileName().toString())
        .directory(TESTS.getParent().toFile()));
    assertThat(test.exit).as(test.output).isZero();
    assertThat(test.output).contains("SUCCESS");
  }

  record Result(int exit, String output) {}

  static Result run(ProcessBuilder pb) throws IOException, InterruptedException {
    Process p = pb.redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  static String findOnPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}
