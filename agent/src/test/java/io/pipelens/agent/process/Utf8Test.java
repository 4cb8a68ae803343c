package io.pipelens.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.agent.source.SourceFile;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

  private final Harness harness = new Harness();

  @Test
  void invalidBytesBecomeReplacementCharactersAndAreCounted() throws Exception {
    SourceFile file = Harness.file("/logs/bin.log");
    byte[] bad = {'o', 'k', ' ', (byte) 0xC3, '(', ' ', (byte) 0xFF, ' ', (byte) 0xE2, (byte) 0x82, '\n',
        'f', 'i', 'n', 'e', '\n'};
    harness.feed(file, bad);

    assertThat(harness.bodies()).containsExactly("ok \uFFFD( \uFFFD \uFFFD", "fine");
    assertThat(harness.counter("pipelens.agent.invalid.utf8", "input", "test")).isEqualTo(1);
  }

  @Test
  void aReplacementCharacterSpelledInValidUtf8IsNotCounted() throws Exception {
    SourceFile file = Harness.file("/logs/ok.log");
    harness.feed(file, "already replaced: \uFFFD, 中文, emoji \uD83D\uDE00\n".getBytes(StandardCharsets.UTF_8));

    assertThat(harness.bodies()).containsExactly("already replaced: \uFFFD, 中文, emoji \uD83D\uDE00");
    assertThat(harness.counter("pipelens.agent.invalid.utf8")).isZero();
  }

  @Test
  void overlongsAndSurrogatesAreInvalid() {
    assertThat(Utf8Text.isValid(new byte[] {(byte) 0xC0, (byte) 0xAF}, 2)).isFalse();
    assertThat(Utf8Text.isValid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 3)).isFalse();
    assertThat(Utf8Text.isValid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 4)).isFalse();
    assertThat(Utf8Text.isValid(new byte[] {(byte) 0xE2, (byte) 0x82, (byte) 0xAC}, 3)).isTrue();
    assertThat(Utf8Text.isValid(new byte[] {(byte) 0xE2, (byte) 0x82, (byte) 0xAC}, 2)).isFalse();
  }
}
