package io.pipelens.collector.agentconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConfigFileTest {

  @Test
  void selectsByNamespaceComputeTypeAndPodLabels() throws Exception {
    AgentConfigFile file = AgentConfigFile.parse("a.yaml", """
        select:
          namespaces: [ns-a, ns-b]
          compute_type: serverless
          pod_labels: {spark-role: driver}
        config:
          outputs: [{stdout: {}}]
        """);
    Selector selector = file.selector();
    assertThat(selector.matches(new AgentIdentity("serverless", "ns-b", Map.of("spark-role", "driver", "x", "y"))))
        .isTrue();
    assertThat(selector.matches(new AgentIdentity("fixed", "ns-b", Map.of("spark-role", "driver")))).isFalse();
    assertThat(selector.matches(new AgentIdentity("serverless", "ns-c", Map.of("spark-role", "driver")))).isFalse();
    assertThat(selector.matches(new AgentIdentity("serverless", "ns-a", Map.of("spark-role", "executor")))).isFalse();
    assertThat(selector.matches(new AgentIdentity("serverless", null, Map.of("spark-role", "driver")))).isFalse();
    assertThat(AgentConfigFile.parse("any.yaml", "config: {outputs: [{stdout: {}}]}").selector()
        .matches(new AgentIdentity("fixed", null, Map.of()))).isTrue();
  }

  @Test
  void servesTheConfigPartWithItsVariablesLeftForTheAgentAndATagThatFollowsIt() throws Exception {
    AgentConfigFile one = AgentConfigFile.parse("a.yaml", "config:\n  outputs: [{otlp: {token: \"${TOKEN}\"}}]\n");
    assertThat(new String(one.body(), StandardCharsets.UTF_8)).contains("${TOKEN}").doesNotContain("config");
    assertThat(one.etag()).startsWith("\"").endsWith("\"");
    assertThat(AgentConfigFile.parse("b.yaml", "config:\n  outputs: [{otlp: {token: \"${TOKEN}\"}}]\n").etag())
        .isEqualTo(one.etag());
    assertThat(AgentConfigFile.parse("a.yaml", "config:\n  outputs: [{otlp: {token: \"${OTHER}\"}}]\n").etag())
        .isNotEqualTo(one.etag());
  }

  @Test
  void rejectsWhatCannotBeServedWithTheKeyAndTheReason() {
    assertThatThrownBy(() -> AgentConfigFile.parse("f", "config: [unclosed"))
        .hasMessageStartingWith("not valid YAML");
    assertThatThrownBy(() -> AgentConfigFile.parse("f", "select: {}\n"))
        .hasMessage("config: required: a mapping of inputs, outputs, masking, pipeline");
    assertThatThrownBy(() -> AgentConfigFile.parse("f", "config: {data_dir: /x}\n"))
        .hasMessage("config.data_dir: unknown key (known keys: inputs, outputs, masking, pipeline)");
    assertThatThrownBy(() -> AgentConfigFile.parse("f", "selct: {}\nconfig: {inputs: []}\n"))
        .hasMessage("selct: unknown key (known keys: select, config)");
    assertThatThrownBy(() -> AgentConfigFile.parse("f", "select: {compute_type: cloud}\nconfig: {inputs: []}\n"))
        .hasMessageStartingWith("select.compute_type: must be fixed or serverless");
    assertThatThrownBy(() -> AgentConfigFile.parse("f", "config: {inputs: []}\nconfig: {inputs: []}\n"))
        .hasMessageContaining("Duplicate field 'config'");
  }
}
