package io.pipelens.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackendTest {

  @Test
  void defaultsToAuto() {
    assertThat(Backend.parse(null, null)).isEqualTo(Backend.AUTO);
    assertThat(Backend.parse(" ", "")).isEqualTo(Backend.AUTO);
  }

  @Test
  void systemPropertyWinsOverEnvironment() {
    assertThat(Backend.parse("local", "docker")).isEqualTo(Backend.LOCAL);
    assertThat(Backend.parse(null, "Docker")).isEqualTo(Backend.DOCKER);
  }

  @Test
  void rejectsUnknownValuesNamingTheirSource() {
    assertThatThrownBy(() -> Backend.parse(null, "podman"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "environment variable PIPELENS_TEST_SERVERS is 'podman'; expected one of: auto, local,"
                + " docker");
  }
}
