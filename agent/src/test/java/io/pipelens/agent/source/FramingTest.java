package io.pipelens.agent.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramingTest {

  record Message(long offset, long nextOffset, String text, boolean truncated, long time,
      boolean stderr) {}

  private final List<Message> messages = new ArrayList<>();
  private final MessageSink sink = (offset, next, bytes, length, truncated, time, stderr) ->
      messages.add(new Message(offset, next, new String(bytes, 0, length, StandardCharsets.UTF_8),
          truncated, time, stderr));

  /**
   * Feeds whole lines, as the splitter would, at consecutive offsets; returns each line's start
   * offset and, last, the offset after the last line.
   */
  private static long[] feed(LineFraming framing, String... lines) throws InterruptedException {
    long[] starts = new long[lines.length + 1];
    long offset = 0;
    int index = 0;
    for (String line : lines) {
      starts[index++] = offset;
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      byte[] copy = new byte[bytes.length + 8];
      System.arraycopy(bytes, 0, copy, 0, bytes.length);
      framing.line(offset, offset + bytes.length + 1, copy, bytes.length, false);
      offset += bytes.length + 1;
    }
    starts[index] = offset;
    return starts;
  }

  private static long nanos(String time) {
    Instant instant = Instant.parse(time);
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  @Test
  void criPartialLinesAreJoinedUpToTheFullLine() throws InterruptedException {
    CriFraming cri = new CriFraming(sink, 1024, new BufferAllocator());
    long[] at = feed(cri,
        "2024-05-01T10:15:02.113456789Z stdout F single line",
        "2024-05-01T10:15:03.000000001Z stderr P first part, ",
        "2024-05-01T10:15:03.000000002Z stderr P second part, ",
        "2024-05-01T10:15:03.000000003Z stderr F last part",
        "2024-05-01T12:15:04+02:00 stdout F with an offset",
        "2024-05-01T10:15:05Z stdout F",
        "not a CRI line at all");
    assertThat(messages).containsExactly(
        new Message(at[0], at[1], "single line", false, nanos("2024-05-01T10:15:02.113456789Z"),
            false),
        new Message(at[1], at[4], "first part, second part, last part", false,
            nanos("2024-05-01T10:15:03.000000001Z"), true),
        new Message(at[4], at[5], "with an offset", false, nanos("2024-05-01T10:15:04Z"), false),
        new Message(at[5], at[6], "", false, nanos("2024-05-01T10:15:05Z"), false),
        new Message(at[6], at[7], "not a CRI line at all", false, 0, false));
  }

  @Test
  void criJoinIsCappedAndAnUnfinishedJoinIsDeliveredOnFinish() throws InterruptedException {
    CriFraming cri = new CriFraming(sink, 10, new BufferAllocator());
    long[] at = feed(cri,
        "2024-05-01T10:15:03Z stdout P 0123456",
        "2024-05-01T10:15:03Z stdout P 789ABC",
        "2024-05-01T10:15:03Z stdout F DEF",
        "2024-05-01T10:15:03Z stdout P dangling");
    assertThat(cri.pendingStart()).isEqualTo(at[3]);
    cri.finish();
    assertThat(messages).extracting(Message::text, Message::truncated).containsExactly(
        org.assertj.core.groups.Tuple.tuple("0123456789", true),
        org.assertj.core.groups.Tuple.tuple("dangling", false));
    assertThat(messages.get(0).nextOffset()).isEqualTo(at[3]);
    assertThat(messages.get(1).nextOffset()).isEqualTo(at[4]);
  }

  @Test
  void dockerJsonIsUnescapedAndSplitEntriesAreJoined() throws InterruptedException {
    DockerJsonFraming docker = new DockerJsonFraming(sink, 1024, new BufferAllocator());
    long[] at = feed(docker,
        "{\"log\":\"plain \\\"quoted\\\" \\\\ tab\\there\\n\",\"stream\":\"stdout\","
            + "\"time\":\"2024-05-01T10:15:02.5Z\"}",
        "{\"stream\":\"stderr\",\"log\":\"caf\\u00e9 \\ud83d\\ude00 \\u2028\\r\\n\","
            + "\"attrs\":{\"k\":[1,\"}\"]},\"time\":\"2024-05-01T10:15:03Z\"}",
        "{\"log\":\"part one, \",\"stream\":\"stdout\",\"time\":\"2024-05-01T10:15:04Z\"}",
        "{\"log\":\"part two\\n\",\"stream\":\"stdout\",\"time\":\"2024-05-01T10:15:05Z\"}",
        "{\"log\": broken json");
    assertThat(messages).hasSize(4);
    assertThat(messages.get(0)).isEqualTo(new Message(0, at[1], "plain \"quoted\" \\ tab\there",
        false, nanos("2024-05-01T10:15:02.5Z"), false));
    assertThat(messages.get(1).text()).isEqualTo("café 😀 \u2028");
    assertThat(messages.get(1).stderr()).isTrue();
    assertThat(messages.get(2).text()).isEqualTo("part one, part two");
    assertThat(messages.get(2).offset()).isEqualTo(at[2]);
    assertThat(messages.get(2).nextOffset()).isEqualTo(at[4]);
    assertThat(messages.get(2).time()).isEqualTo(nanos("2024-05-01T10:15:04Z"));
    assertThat(messages.get(3).text()).isEqualTo("{\"log\": broken json");
  }

  @Test
  void formatsAreDetectedFromTheFirstLine() {
    byte[] cri = "2024-05-01T10:15:02.1Z stdout F hello".getBytes(StandardCharsets.UTF_8);
    byte[] docker = "{\"log\":\"hello\\n\",\"stream\":\"stdout\"}".getBytes(StandardCharsets.UTF_8);
    byte[] raw = "2024-05-01 10:15:02 INFO hello".getBytes(StandardCharsets.UTF_8);
    assertThat(CriFraming.looksLikeCri(cri, cri.length)).isTrue();
    assertThat(CriFraming.looksLikeCri(raw, raw.length)).isFalse();
    assertThat(DockerJsonFraming.looksLikeDockerJson(docker, docker.length)).isTrue();
    assertThat(DockerJsonFraming.looksLikeDockerJson(cri, cri.length)).isFalse();
  }

  @Test
  void rfc3339TimestampsParseToEpochNanos() {
    byte[] text = "1969-12-31T23:59:59.999999999Z".getBytes(StandardCharsets.US_ASCII);
    assertThat(Rfc3339.parseNanos(text, 0, text.length)).isEqualTo(-1);
    byte[] bad = "2024-13-01T10:15:02Z".getBytes(StandardCharsets.US_ASCII);
    assertThat(Rfc3339.parseNanos(bad, 0, bad.length)).isEqualTo(Rfc3339.INVALID);
    byte[] leap = "2024-02-29T00:00:00-01:30".getBytes(StandardCharsets.US_ASCII);
    assertThat(Rfc3339.parseNanos(leap, 0, leap.length))
        .isEqualTo(nanos("2024-02-29T01:30:00Z"));
  }
}
