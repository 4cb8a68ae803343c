package io.pipelens.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataSizeTest {

  @ParameterizedTest
  @CsvSource({
      "0, 0",
      "512, 512",
      "512B, 512",
      "1KiB, 1024",
      "1MiB, 1048576",
      "1GiB, 1073741824",
      "2TiB, 2199023255552",
      "10KB, 10000",
      "10MB, 10000000",
      "3GB, 3000000000",
      "1TB, 1000000000000",
      "'64 KiB', 65536",
  })
  void parses(String text, long bytes) {
    assertThat(DataSize.parse(text).bytes()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource({
      "0, 0B",
      "512, 512B",
      "1024, 1KiB",
      "1536, 1536B",
      "1048576, 1MiB",
      "10000000, 10MB",
      "1024000, 1000KiB",
      "1000000000000, 1TB",
  })
  void printsExactlyInTheShortestUnit(long bytes, String text) {
    assertThat(DataSize.ofBytes(bytes)).hasToString(text);
    assertThat(DataSize.parse(text).bytes()).isEqualTo(bytes);
  }

  @Test
  void factories() {
    assertThat(DataSize.ofKibibytes(2).bytes()).isEqualTo(2048);
    assertThat(DataSize.ofMebibytes(2).bytes()).isEqualTo(2L << 20);
    assertThat(DataSize.ofGibibytes(2).bytes()).isEqualTo(2L << 30);
  }

  @Test
  void unitsAreCaseSensitive() {
    assertThatThrownBy(() -> DataSize.parse("64kib"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("invalid value \"64kib\": units are case-sensitive; did you mean 64KiB?");
  }

  @Test
  void rejectsOtherForms() {
    for (String text : new String[] {"lots", "1.5MiB", "-1", "MiB", "10 MiBs", ""}) {
      assertThatThrownBy(() -> DataSize.parse(text)).as(text)
          .isInstanceOf(InvalidValueException.class)
          .hasMessage("invalid value \"" + text + "\": must be a whole number of bytes with an optional unit"
              + " (B, KB, KiB, MB, MiB, GB, GiB, TB, TiB), e.g. 512, 64KiB or 10MB");
    }
  }

  @Test
  void rejectsWhatDoesNotFit() {
    assertThatThrownBy(() -> DataSize.parse("9000000TiB"))
        .hasMessage("invalid value \"9000000TiB\": too large for a data size");
    assertThatThrownBy(() -> DataSize.ofBytes(-1)).hasMessage("invalid value -1: must not be negative");
  }
}
