package io.pipelens.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.agent.process.Harness.Emitted;
import io.pipelens.agent.process.mask.MaskingConfig;
import io.pipelens.agent.process.mask.MaskingRule;
import io.pipelens.agent.process.parse.ParserConfig;
import io.pipelens.agent.process.parse.ParserType;
import io.pipelens.agent.source.SourceFile;
import io.pipelens.core.config.InvalidValueException;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.Attributes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MaskingTest {

  private final Harness harness = new Harness();

  private record Secret(String rule, String value, String line) {}

  private static List<Secret> corpus() {
    List<Secret> secrets = new ArrayList<>();
    for (String row : new String(Harness.fixture("secrets.tsv"), StandardCharsets.UTF_8).split("\n")) {
      if (!row.isBlank() && !row.startsWith("#")) {
        String[] fields = row.split("\t", 3);
        secrets.add(new Secret(fields[0], fields[1], fields[2]));
      }
    }
    return secrets;
  }

  @Test
  void noSecretOfTheCorpusSurvivesAndEveryRuleCounts() throws Exception {
    List<Secret> secrets = corpus();
    SourceFile file = Harness.file("/var/log/app/secrets.log");
    StringBuilder log = new StringBuilder();
    secrets.forEach(secret -> log.append(secret.line()).append('\n'));
    harness.feed(file, log.toString().getBytes(StandardCharsets.UTF_8));

    assertThat(harness.emitted).hasSameSizeAs(secrets);
    for (int i = 0; i < secrets.size(); i++) {
      Secret secret = secrets.get(i);
      String body = harness.emitted.get(i).body();
      assertThat(body).as("line %d (%s)", i, secret.rule()).doesNotContain(secret.value()).contains("****");
      for (Secret other : secrets) {
        assertThat(body).doesNotContain(other.value());
      }
    }
    Set<String> rules = new TreeSet<>();
    secrets.forEach(secret -> rules.add(secret.rule()));
    for (String rule : rules) {
      assertThat(harness.counter("pipelens.agent.masked", "rule", rule)).as(rule).isPositive();
    }
  }

  @Test
  void labelsStayVisibleSoReadersSeeWhatWasMasked() throws Exception {
    SourceFile file = Harness.file("/var/log/app/labels.log");
    harness.feed(file, ("url=postgresql://etl_user:s3cr3t@db:5432/w key=AKIAIOSFODNN7EXAMPLE\n"
        + "Authorization: Bearer abcdefghijklmnop password: hunter22\n").getBytes(StandardCharsets.UTF_8));

    assertThat(harness.bodies()).containsExactly(
        "url=postgresql://etl_user:****@db:5432/w key=AKIA****",
        "Authorization: Bearer **** password: ****");
  }

  @Test
  void ordinarySparkLinesAreLeftAlone() throws Exception {
    byte[] log = Harness.fixture("spark-clean.log");
    SourceFile file = Harness.file("/var/log/pods/etl_dedup-driver_uid/spark-kubernetes-driver/0.log");
    harness.feed(file, log);

    List<String> expected = new String(log, StandardCharsets.UTF_8).lines().toList();
    assertThat(harness.bodies()).containsExactlyElementsOf(expected);
    assertThat(harness.registry.find("pipelens.agent.masked").counters())
        .allSatisfy(counter -> assertThat(counter.count()).as(counter.getId().getTag("rule")).isZero());
  }

  @Test
  void stringAttributesFromParsedJsonAreMaskedToo() throws Exception {
    harness.builder.defaultProcessing(new ProcessingConfig(null, null, ParserConfig.of(ParserType.JSON)));
    SourceFile file = Harness.file("/var/log/app/json.log");
    harness.feed(file, ("{\"msg\":\"connecting\",\"dsn\":\"mysql://etl:pw-123456@db/x\","
        + "\"conf\":{\"aws_key\":\"AKIAIOSFODNN7EXAMPLE\"},\"hosts\":[\"https://u:p4ss@h\"]}\n")
        .getBytes(StandardCharsets.UTF_8));

    Attributes attributes = harness.emitted.get(0).record().attributes();
    assertThat(attributes.getString("dsn")).isEqualTo("mysql://etl:****@db/x");
    assertThat(attributes.get("conf")).isEqualTo(AnyValue.of(Attributes.builder().put("aws_key", "AKIA****").build()));
    assertThat(attributes.get("hosts")).isEqualTo(AnyValue.ofArray(AnyValue.of("https://u:****@h")));
    assertThat(attributes.getString("log.file.path")).isEqualTo("/var/log/app/json.log");
  }

  @Test
  void userRulesRunAfterTheBuiltInOnesAndBuiltInsCanBeTurnedOff() throws Exception {
    harness.builder.masking(new MaskingConfig(false, List.of(
        new MaskingRule("employee_id", "emp-(\\d{4})\\d{4}", "emp-$1****"),
        new MaskingRule("phone", "\\b1[3-9]\\d{9}\\b", null))));
    SourceFile file = Harness.file("/var/log/app/users.log");
    harness.feed(file, "emp-12345678 called 13812345678 with password=kept\n".getBytes(StandardCharsets.UTF_8));

    assertThat(harness.bodies()).containsExactly("emp-1234**** called **** with password=kept");
    assertThat(harness.counter("pipelens.agent.masked", "rule", "employee_id")).isEqualTo(1);
    assertThat(harness.counter("pipelens.agent.masked", "rule", "phone")).isEqualTo(1);
  }

  @Test
  void withMaskingSwitchedOffEveryLineShipsAsWritten() throws Exception {
    harness.builder.masking(new MaskingConfig(false, List.of()));
    SourceFile file = Harness.file("/var/log/app/plain.log");
    String line = "AKIAABCDEFGHIJKLMNOP password=hunter2 https://u:pw@h bearer abcdefghijkl";
    harness.feed(file, (line + "\n" + line + " caf\u00e9\n").getBytes(StandardCharsets.UTF_8));

    assertThat(harness.bodies()).containsExactly(line, line + " caf\u00e9");
    assertThat(harness.registry.find("pipelens.agent.masked").counters()).isEmpty();
  }

  @Test
  void badRulesAreConfigurationErrors() {
    assertThatThrownBy(() -> new MaskingRule("x", "(unclosed", null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("pattern");
    assertThatThrownBy(() -> new MaskingRule("x", "(a)", "$2"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("replacement");
    assertThatThrownBy(() -> new MaskingConfig(null, List.of(new MaskingRule("bearer_token", "x", null))))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("unique");
  }
}
