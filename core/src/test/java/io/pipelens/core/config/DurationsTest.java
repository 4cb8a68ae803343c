package io.pipelens.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
      "7ns, PT0.000000007S",
      "10us, PT0.00001S",
      "500ms, PT0.5S",
      "5s, PT5S",
      "1m, PT1M",
      "2h, PT2H",
      "1d, PT24H",
      "0s, PT0S",
      "'5 s', PT5S",
  })
  void parses(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @Test
  void rejectsANumberWithoutAUnit() {
    assertThatThrownBy(() -> Durations.parse("30"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("invalid value \"30\": needs a unit, e.g. 30s or 30ms (units: ns, us, ms, s, m, h, d)");
  }

  @Test
  void rejectsOtherForms() {
    for (String text : new String[] {"5sec", "1.5s", "-5s", "PT5S", "1m30s", "", "s"}) {
      assertThatThrownBy(() -> Durations.parse(text)).as(text)
          .isInstanceOf(InvalidValueException.class)
          .hasMessage("invalid value \"" + text
              + "\": must be a whole number followed by a unit (ns, us, ms, s, m, h, d), e.g. 500ms or 5s");
    }
  }

  @Test
  void rejectsWhatDoesNotFit() {
    assertThatThrownBy(() -> Durations.parse("99999999999999999999d"))
        .hasMessage("invalid value \"99999999999999999999d\": too large for a duration");
    assertThatThrownBy(() -> Durations.parse("999999999999999d"))
        .hasMessage("invalid value \"999999999999999d\": too large for a duration");
  }

  @ParameterizedTest
  @CsvSource({
      "PT0S, 0s",
      "PT0.5S, 500ms",
      "PT1.5S, 1500ms",
      "PT90S, 90s",
      "PT2M, 2m",
      "PT25H, 25h",
      "PT48H, 2d",
      "PT0.000001S, 1us",
      "PT0.000000001S, 1ns",
      "PT-5S, -5s",
  })
  void formatsInTheLargestExactUnit(Duration duration, String expected) {
    assertThat(Durations.format(duration)).isEqualTo(expected);
    if (!duration.isNegative()) {
      assertThat(Durations.parse(expected)).isEqualTo(duration);
    }
  }
}
