package io.pipelens.agent.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.agent.app.AgentConfig;
import io.pipelens.agent.app.AgentFactory;
import io.pipelens.core.config.ConfigLoader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteConfigConfigTest {

  private static AgentConfig parse(String yaml) throws Exception {
    return ConfigLoader.create(Map.of()).parse(yaml, "agent.yaml", AgentConfig.class);
  }

  @Test
  void theExamplesRemoteConfigLoadsWhenUncommentedWithItsDefaults() throws Exception {
    String example = new AgentFactory(Map.of()).exampleConfig();
    String uncommented = example.substring(0, example.indexOf("# remote_config:"))
        + example.substring(example.indexOf("# remote_config:")).replaceAll("(?m)^# ", "")
            .replace("${PIPELENS_OTLP_TOKEN}", "t").replace("${POD_NAMESPACE}", "ns");
    RemoteConfigConfig remote = parse(uncommented).remoteConfig();
    assertThat(remote.url()).isEqualTo("http://pipelens-collector:4318/v1/agent-config");
    assertThat(remote.pollInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(remote.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(remote.namespace()).isEqualTo("ns");
    assertThat(remote.podLabels()).isEmpty();
    assertThat(parse(example).remoteConfig()).isNull();
  }

  @Test
  void aTokenWithAControlCharacterIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> parse("remote_config: {url: \"http://c/x\", token: \"s3cr3t\\n\"}\n"))
        .hasMessageContaining("remote_config.token").hasMessageContaining("control characters")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void aUrlAndATokenAreRequired() {
    assertThatThrownBy(() -> parse("remote_config: {token: t}\n"))
        .hasMessageContaining("remote_config.url").hasMessageContaining("required");
    assertThatThrownBy(() -> parse("remote_config: {url: \"ftp://c/x\", token: t}\n"))
        .hasMessageContaining("remote_config.url").hasMessageContaining("http:// or https://");
    assertThatThrownBy(() -> parse("remote_config: {url: \"http://c:4318/v1/agent-config\"}\n"))
        .hasMessageContaining("remote_config.token");
    assertThatThrownBy(() -> parse("remote_config: {url: \"http://c/x\", token: t, poll_interval: 10ms}\n"))
        .hasMessageContaining("remote_config.poll_interval").hasMessageContaining("at least 100ms");
  }
}
