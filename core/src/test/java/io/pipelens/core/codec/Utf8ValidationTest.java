package io.pipelens.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8Validation} says what the JDK's strict UTF-8 decoder says. */
class Utf8ValidationTest {

  @Test
  void agreesWithTheJdkOnEdgeCases() {
    String[] hex = {"", "41", "c280", "c180", "c0af", "e0a080", "e09f80", "ed9fbf", "eda080", "efbfbf", "f0908080",
        "f08f8080", "f48fbfbf", "f4908080", "f5808080", "ff", "80", "c2", "e0a0", "f09080", "e282ac41", "41e282"};
    for (String h : hex) {
      byte[] bytes = java.util.HexFormat.of().parseHex(h);
      assertThat(Utf8Validation.isWellFormed(bytes)).as(h).isEqualTo(jdk(bytes));
    }
  }

  @Test
  void agreesWithTheJdkOnRandomBytes() {
    Random random = new Random(11);
    byte[] alphabet = {'a', (byte) 0x80, (byte) 0x8f, (byte) 0x9f, (byte) 0xa0, (byte) 0xbf, (byte) 0xc2,
        (byte) 0xdf, (byte) 0xe0, (byte) 0xed, (byte) 0xef, (byte) 0xf0, (byte) 0xf4, (byte) 0xf5};
    int valid = 0;
    for (int i = 0; i < 200_000; i++) {
      byte[] bytes = new byte[random.nextInt(6)];
      for (int j = 0; j < bytes.length; j++) {
        bytes[j] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
      }
      boolean expected = jdk(bytes);
      valid += expected ? 1 : 0;
      assertThat(Utf8Validation.isWellFormed(bytes)).as(java.util.HexFormat.of().formatHex(bytes)).isEqualTo(expected);
    }
    assertThat(valid).as("enough well-formed samples to mean something").isGreaterThan(10_000);
  }

  @Test
  void agreesWithTheJdkOnLinesWithLongAsciiRunsAndOnlyOverTheLengthGiven() {
    // ASCII runs past eight bytes take the word-at-a-time path; the bytes after the length given
    // are garbage that must not be looked at.
    Random random = new Random(12);
    for (int i = 0; i < 50_000; i++) {
      int ascii = random.nextInt(40);
      byte[] bytes = new byte[ascii + random.nextInt(6) + 4];
      for (int j = 0; j < bytes.length; j++) {
        bytes[j] = j < ascii ? (byte) (' ' + random.nextInt(95)) : (byte) random.nextInt(256);
      }
      int length = Math.min(bytes.length, ascii + random.nextInt(8));
      byte[] given = java.util.Arrays.copyOf(bytes, length);
      assertThat(Utf8Validation.isWellFormed(bytes, length))
          .as(java.util.HexFormat.of().formatHex(given)).isEqualTo(jdk(given));
    }
  }

  private static boolean jdk(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
