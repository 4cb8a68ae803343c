package io.pipelens.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigExceptionTest {

  @Test
  void messageIsSourceKeyPathAndReason() {
    ConfigException e = new ConfigException("/etc/pipelens/agent.yaml", "outputs[1].kafka.acks",
        "invalid value \"2\": must be one of all, 0, 1");

    assertThat(e.getMessage())
        .isEqualTo("/etc/pipelens/agent.yaml: outputs[1].kafka.acks: invalid value \"2\": must be one of all, 0, 1");
  }

  @Test
  void documentLevelProblemsHaveNoKeyPath() {
    ConfigException e = new ConfigException("agent.yaml", "", "file not found");

    assertThat(e.getMessage()).isEqualTo("agent.yaml: file not found");
    assertThat(e.keyPath()).isEmpty();
  }

  @Test
  void staysOnOneLine() {
    ConfigException e = new ConfigException("a\nb.yaml", "x\r\ny", "bad\nvalue\u2028here");

    assertThat(e.getMessage()).isEqualTo("a\\nb.yaml: x\\r\\ny: bad\\nvalue\\u2028here");
    assertThat(e.source()).isEqualTo("a\\nb.yaml");
    assertThat(e.reason()).isEqualTo("bad\\nvalue\\u2028here");
  }
}
