package io.pipelens.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpConfigTest {

  @Test
  void defaultsHostAndLeavesPortToTheComponent() {
    HttpConfig config = new HttpConfig(null, null);

    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isNull();
    assertThat(config.portOr(9400)).isEqualTo(9400);
    assertThat(config.withDefaultPort(9400)).isEqualTo(new HttpConfig("0.0.0.0", 9400));
    assertThat(HttpConfig.defaults(9401)).isEqualTo(new HttpConfig("0.0.0.0", 9401));
  }

  @Test
  void aConfiguredPortWinsOverTheDefault() {
    HttpConfig config = new HttpConfig("127.0.0.1", 0);

    assertThat(config.portOr(9400)).isZero();
    assertThat(config.withDefaultPort(9400)).isSameAs(config);
  }

  @Test
  void rejectsOutOfRangePortsAndBlankHosts() {
    assertThatThrownBy(() -> new HttpConfig(null, 70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port: invalid value 70000: must be between 0 and 65535");
    assertThatThrownBy(() -> new HttpConfig(null, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port: invalid value -1: must be between 0 and 65535");
    assertThatThrownBy(() -> new HttpConfig(" ", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("host: invalid value \" \": must not be blank");
  }
}
