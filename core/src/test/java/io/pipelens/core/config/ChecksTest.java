package io.pipelens.core.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The messages as a record constructor sees them, outside the loader. */
class ChecksTest {

  @Test
  void messagesNameTheKeyAndValue() {
    assertThatThrownBy(() -> Checks.inRange("port", 70000, 0, 65535))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("port: invalid value 70000: must be between 0 and 65535");
    assertThatThrownBy(() -> Checks.oneOf("acks", "2", "all", "0", "1"))
        .hasMessage("acks: invalid value \"2\": must be one of all, 0, 1");
    assertThatThrownBy(() -> Checks.required("topic", null)).hasMessage("topic: missing required key");
    assertThatThrownBy(() -> Checks.notEmpty("paths", List.of())).hasMessage("paths: must not be empty");
    assertThatThrownBy(() -> Checks.positive("timeout", Duration.ZERO))
        .hasMessage("timeout: invalid value 0s: must be greater than 0");
    assertThatThrownBy(() -> Checks.require(false, "tls.ca_file", "must be set when tls is enabled"))
        .hasMessage("tls.ca_file: must be set when tls is enabled");
  }

  @Test
  void secretsAndLineBreaksNeverReachTheMessage() {
    assertThatThrownBy(() -> Checks.require(false, "password", Secret.of("hunter2"), "must be longer"))
        .hasMessage("password: invalid value [hidden]: must be longer");
    assertThatThrownBy(() -> Checks.oneOf("mode", "a\nb", "x"))
        .hasMessage("mode: invalid value \"a\\nb\": must be one of x");
  }

  @Test
  void nullsPassRangeChecks() {
    assertThatCode(() -> {
      Checks.inRange("port", (Integer) null, 0, 1);
      Checks.oneOf("acks", null, "all");
      Checks.positive("timeout", null);
    }).doesNotThrowAnyException();
  }
}
