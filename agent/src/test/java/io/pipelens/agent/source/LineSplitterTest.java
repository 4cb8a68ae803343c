package io.pipelens.agent.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

  record Cut(long offset, long nextOffset, String text, boolean truncated) {}

  private final List<Cut> cuts = new ArrayList<>();
  private final LineSink sink = (offset, next, bytes, length, truncated) ->
      cuts.add(new Cut(offset, next, new String(bytes, 0, length, StandardCharsets.ISO_8859_1),
          truncated));

  private void feed(LineSplitter splitter, String text, int chunk) throws InterruptedException {
    byte[] all = text.getBytes(StandardCharsets.ISO_8859_1);
    byte[] scratch = new byte[64];
    for (int from = 0; from < all.length; from += chunk) {
      byte[] part = Arrays.copyOfRange(all, from, Math.min(all.length, from + chunk));
      splitter.feed(part, part.length, from, scratch, sink);
    }
  }

  @Test
  void splitsOnNewlinesAtAnyChunkSizeAndDropsCarriageReturns() throws InterruptedException {
    String text = "one\r\ntwo\n\nthree-is-longer\r\nfour";
    for (int chunk = 1; chunk <= text.length(); chunk++) {
      cuts.clear();
      LineSplitter splitter = new LineSplitter(0, 64, new BufferAllocator());
      feed(splitter, text, chunk);
      assertThat(cuts).as("chunk size %d", chunk).containsExactly(
          new Cut(0, 5, "one", false),
          new Cut(5, 9, "two", false),
          new Cut(9, 10, "", false),
          new Cut(10, 27, "three-is-longer", false));
      assertThat(splitter.lineStart()).isEqualTo(27);
      splitter.finish(sink);
      assertThat(cuts).last().isEqualTo(new Cut(27, 31, "four", false));
    }
  }

  @Test
  void longLinesAreCutAndTheRestSkippedWithoutBeingKept() throws InterruptedException {
    BufferAllocator allocator = new BufferAllocator();
    LineSplitter splitter = new LineSplitter(0, 8, allocator);
    String text = "0123456789ABCDEF\n" + "exactly8\r\n" + "exactly9!\n" + "x".repeat(1000) + "\nok\n";
    feed(splitter, text, 3);
    assertThat(cuts).containsExactly(
        new Cut(0, 17, "01234567", true),
        new Cut(17, 27, "exactly8", false),
        new Cut(27, 37, "exactly9", true),
        new Cut(37, 1038, "xxxxxxxx", true),
        new Cut(1038, 1041, "ok", false));
    assertThat(allocator.largest()).isLessThanOrEqualTo(8 + 1 + 256);
  }

  @Test
  void bytesThatAreNotUtf8PassThroughUntouched() throws InterruptedException {
    LineSplitter splitter = new LineSplitter(0, 64, new BufferAllocator());
    byte[] line = {(byte) 0xff, (byte) 0xfe, 'a', (byte) 0xc3, '\r', '\n'};
    List<byte[]> got = new ArrayList<>();
    splitter.feed(line, line.length, 0, new byte[64],
        (offset, next, bytes, length, truncated) -> got.add(Arrays.copyOf(bytes, length)));
    assertThat(got).containsExactly(new byte[] {(byte) 0xff, (byte) 0xfe, 'a', (byte) 0xc3});
  }

  @Test
  void findsTheFirstNewlineAtEveryPositionOfAWord() {
    java.util.Random random = new java.util.Random(7);
    for (int round = 0; round < 5_000; round++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        int pick = random.nextInt(10);
        // newlines, bytes one off a newline (borrows), high bytes and plain ones
        bytes[i] = (byte) (pick == 0 ? '\n' : pick == 1 ? 0x0B : pick == 2 ? 0x09 : pick == 3 ? 0x8A
            : pick == 4 ? 0 : 0x20 + random.nextInt(0xE0));
      }
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
      int expected = -1;
      for (int i = from; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          expected = i;
          break;
        }
      }
      assertThat(LineSplitter.indexOfNewline(bytes, from, bytes.length)).isEqualTo(expected);
    }
  }
}
