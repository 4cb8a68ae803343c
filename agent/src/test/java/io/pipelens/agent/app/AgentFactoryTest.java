package io.pipelens.agent.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.core.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentFactoryTest {

  @Test
  void podLabelsFromTheEmbeddingProgramExcludeTheKubernetesWatch() throws Exception {
    AgentConfig config = ConfigLoader.create(Map.of()).parse("""
        data_dir: /tmp/pipelens-agent-factory-test
        http: {port: 0}
        inputs: [{file: {paths: [/tmp/pipelens-agent-factory-test/*.log]}}]
        outputs: [{stdout: {}}]
        enrichment: {kubernetes: {enabled: true, node_name: node-a}}
        """, "agent.yaml", AgentConfig.class);
    AgentFactory embedded = new AgentFactory(Map.of(), uid -> Map.of());
    assertThatThrownBy(() -> embedded.create(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("enrichment.kubernetes.enabled");
  }
}
