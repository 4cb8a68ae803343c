package io.pipelens.history.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineScannerTest {

  @Test
  void splitsLinesAndTracksOffsets() throws IOException {
    List<String> seen = scan("ab\n\ncde\nf", 100, 1000);

    assertThat(seen).containsExactly("ab@100 term", "@103 term", "cde@104 term", "f@108 open");
  }

  @Test
  void findsEveryNewlineWhateverItsPlaceInAWordOfEightBytes() throws IOException {
    // Lines of 0 to 40 bytes, with bytes that differ from a newline in one bit (0x0B, 0x08, 0x8A).
    StringBuilder log = new StringBuilder();
    List<String> expected = new ArrayList<>();
    int offset = 0;
    for (int length = 0; length <= 40; length++) {
      String line = "\u000b\u0008\u008a-abcdefgh".repeat(4).substring(0, length);
      log.append(line).append('\n');
      expected.add(line + "@" + offset + " term");
      offset += line.getBytes(StandardCharsets.ISO_8859_1).length + 1;
    }
    List<String> seen = new ArrayList<>();
    LineScanner lines =
        new LineScanner(
            new ByteArrayInputStream(log.toString().getBytes(StandardCharsets.ISO_8859_1)), 0, 1000);
    while (lines.next()) {
      seen.add(
          new String(lines.buffer(), lines.lineStart(), lines.lineLength(), StandardCharsets.ISO_8859_1)
              + "@" + lines.lineOffset() + (lines.terminated() ? " term" : " open"));
    }

    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @Test
  void growsTheBufferForLongLinesUpToTheLimit() throws IOException {
    String longLine = "x".repeat(200_000);

    assertThat(scan(longLine + "\nnext\n", 0, 300_000))
        .containsExactly(longLine + "@0 term", "next@200001 term");
  }

  @Test
  void keepsOnlyAPrefixOfOversizedLinesAndResumesAfterThem() throws IOException {
    String longLine = "{\"Event\":\"SparkListenerEnvironmentUpdate\"," + "y".repeat(10_000) + "}";
    LineScanner lines =
        new LineScanner(
            new ByteArrayInputStream((longLine + "\nafter\n").getBytes(StandardCharsets.UTF_8)),
            0,
            1024);

    assertThat(lines.next()).isTrue();
    assertThat(lines.oversized()).isTrue();
    assertThat(lines.terminated()).isTrue();
    assertThat(lines.lineLength()).isEqualTo(1024);
    assertThat(new String(lines.buffer(), lines.lineStart(), 100, StandardCharsets.UTF_8))
        .startsWith("{\"Event\":\"SparkListenerEnvironmentUpdate\",yyy");
    assertThat(lines.nextOffset()).isEqualTo(longLine.length() + 1);
    assertThat(lines.next()).isTrue();
    assertThat(lines.oversized()).isFalse();
    assertThat(text(lines)).isEqualTo("after");
    assertThat(lines.lineOffset()).isEqualTo(longLine.length() + 1);
    assertThat(lines.next()).isFalse();
  }

  @Test
  void anOversizedLastLineWithoutNewlineIsOpen() throws IOException {
    LineScanner lines =
        new LineScanner(
            new ByteArrayInputStream("z".repeat(5000).getBytes(StandardCharsets.UTF_8)), 0, 100);

    assertThat(lines.next()).isTrue();
    assertThat(lines.oversized()).isTrue();
    assertThat(lines.terminated()).isFalse();
    assertThat(lines.next()).isFalse();
  }

  private static List<String> scan(String text, long firstOffset, int maxLine) throws IOException {
    LineScanner lines =
        new LineScanner(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), firstOffset, maxLine);
    List<String> seen = new ArrayList<>();
    while (lines.next()) {
      seen.add(text(lines) + "@" + lines.lineOffset() + (lines.terminated() ? " term" : " open"));
    }
    return seen;
  }

  private static String text(LineScanner lines) {
    return new String(
        lines.buffer(), lines.lineStart(), lines.lineLength(), StandardCharsets.UTF_8);
  }
}
