package io.pipelens.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SeverityTest {

  @ParameterizedTest
  @CsvSource({
    "TRACE, TRACE",
    "trace, TRACE",
    "DEBUG, DEBUG",
    "Debug, DEBUG",
    "INFO, INFO",
    "info, INFO",
    "WARN, WARN",
    "warn, WARN",
    "WARNING, WARN",
    "Warning, WARN",
    "ERROR, ERROR",
    "error, ERROR",
    "FATAL, FATAL",
    "fatal, FATAL",
    "CRITICAL, FATAL",
    "critical, FATAL",
    "'  WARN\t', WARN",
    "ERROR2, ERROR2",
    "fatal4, FATAL4",
    "SEVERE, ERROR",
    "FINE, DEBUG2",
    "FINEST, TRACE"
  })
  void mapsCommonLevelNames(String text, Severity expected) {
    assertThat(Severity.fromText(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "NOTICE", "WARNINGS", "ERR OR", "5", "İNFO"})
  void mapsAnythingElseToUnspecified(String text) {
    assertThat(Severity.fromText(text)).isEqualTo(Severity.UNSPECIFIED);
  }

  @Test
  void dottedLowercaseIUnderATurkishLocaleStillMaps() {
    java.util.Locale previous = java.util.Locale.getDefault();
    java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
    try {
      assertThat(Severity.fromText("info")).isEqualTo(Severity.INFO);
      assertThat(Severity.fromText("critical")).isEqualTo(Severity.FATAL);
    } finally {
      java.util.Locale.setDefault(previous);
    }
  }

  @Test
  void numbersFollowTheOpenTelemetryRanges() {
    assertThat(Severity.values()).hasSize(25);
    for (Severity severity : Severity.values()) {
      assertThat(Severity.fromNumber(severity.number())).isSameAs(severity);
      assertThat(Severity.fromText(severity.text())).isSameAs(severity);
    }
    assertThat(Severity.TRACE.number()).isEqualTo(1);
    assertThat(Severity.DEBUG.number()).isEqualTo(5);
    assertThat(Severity.INFO.number()).isEqualTo(9);
    assertThat(Severity.WARN.number()).isEqualTo(13);
    assertThat(Severity.ERROR.number()).isEqualTo(17);
    assertThat(Severity.FATAL.number()).isEqualTo(21);
    assertThat(Severity.FATAL4.number()).isEqualTo(24);
    assertThat(Severity.WARN3.text()).isEqualTo("WARN3");
    assertThat(Severity.UNSPECIFIED.text()).isEmpty();
  }

  @Test
  void matchesTheGeneratedOtlpEnum() {
    for (Severity severity : Severity.values()) {
      assertThat(io.opentelemetry.proto.logs.v1.SeverityNumber.forNumber(severity.number()).name())
          .isEqualTo("SEVERITY_NUMBER_" + severity.name());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 25, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void rejectsNumbersOutsideTheRange(int number) {
    assertThatThrownBy(() -> Severity.fromNumber(number))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0..24");
  }
}
