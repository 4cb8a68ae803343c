package io.pipelens.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoggingConfigTest {

  @Test
  void defaultsToTextAtInfo() {
    assertThat(new LoggingConfig(null, null)).isEqualTo(new LoggingConfig(LogFormat.TEXT, "info"));
    assertThat(LoggingConfig.defaults()).isEqualTo(new LoggingConfig(LogFormat.TEXT, "info"));
  }

  @Test
  void normalizesTheLevelToLowerCase() {
    assertThat(new LoggingConfig(LogFormat.JSON, " DEBUG ").level()).isEqualTo("debug");
  }

  @Test
  void rejectsUnknownLevelsNamingTheAllowedOnes() {
    assertThatThrownBy(() -> new LoggingConfig(LogFormat.TEXT, "verbose"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("level: invalid value \"verbose\": must be one of trace, debug, info, warn, error, off");
  }

  @Test
  void logFormatParsesIgnoringCaseAndPrintsLowerCase() {
    assertThat(LogFormat.parse("JSON")).isEqualTo(LogFormat.JSON);
    assertThat(LogFormat.parse("text")).isEqualTo(LogFormat.TEXT);
    assertThat(LogFormat.JSON).hasToString("json");
    assertThatThrownBy(() -> LogFormat.parse("xml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid value \"xml\" for log format: must be one of text, json");
  }
}
