package io.pipelens.agent.output.file;

import static io.pipelens.agent.output.TestRecords.record;
import static io.pipelens.agent.output.TestRecords.sparkPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Severity;
import io.pipelens.core.record.SpanId;
import io.pipelens.core.record.TraceId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written compact writer against Jackson's generator, byte for byte. */
class NdjsonEncoderTest {

  private static final Resource POD = sparkPod("spark-app-1", "uid-1");

  @Test
  void writesWhatJacksonWritesForTrickyText() {
    List<LogRecord> records = new ArrayList<>();
    String[] bodies = {
      "", "plain ascii", "quote \" backslash \\ slash / del \u007f",
      "controls \u0000\u0001\b\t\n\u000b\f\r\u001e\u001f end",
      "latin1 café ÿ", "— 日本語 😀 \uD83D\uDE00", "lone \uD800 high", "lone \uDC00 low",
      "high at end \uD800", "\uDC00\uD800 swapped", "\uD800\uD800\uDC00 two highs", "\uFFFD\uFFFF\u0800\u07FF\u0080",
    };
    for (String body : bodies) {
      records.add(record(POD, "engine", "/var/log/" + body + ".log", 7, body));
    }
    assertSameAsJackson(records);
  }

  @Test
  void writesWhatJacksonWritesForRandomRecords() {
    Random random = new Random(20261128);
    for (int round = 0; round < 200; round++) {
      List<LogRecord> records = new ArrayList<>();
      int count = 1 + random.nextInt(20);
      for (int i = 0; i < count; i++) {
        records.add(randomRecord(random));
      }
      assertSameAsJackson(records);
    }
  }

  @Test
  void writesTimesOfOneSecondAndNumbersAtTheDigitBoundariesAsJacksonDoes() {
    // Consecutive times in one second take the encoder's copy of the seconds' digits; the values
    // around 10^9 and 10^18 and a new second between records check where that copy ends.
    long second = 1_796_280_949_000_000_000L;
    long[] times = {second, second + 5, second + 999_999_999, second + 1_000_000_000, second + 1_000_000_000,
        second + 70, 999_999_999, 1_000_000_000, 1_000_000_001, 1_999_999_999, 10_000_000_000L,
        999_999_999_999_999_999L, 1_000_000_000_000_000_000L, Long.MAX_VALUE, Long.MAX_VALUE - 1, 0, 1,
        -1, -1_000_000_000L, Long.MIN_VALUE, second + 123_456_789, second + 100_000_000, second};
    Random random = new Random(20261203);
    List<LogRecord> records = new ArrayList<>();
    for (int i = 0; i < times.length; i++) {
      records.add(LogRecord.builder()
          .timestampNanos(times[i])
          .observedTimestampNanos(times[(i + 3) % times.length])
          .body(AnyValue.of("line " + i))
          .attributes(Attributes.builder().put("log.offset", times[(i + 7) % times.length]).build())
          .resource(POD)
          .build());
    }
    for (int i = 0; i < 500; i++) {
      long base = second + random.nextInt(4) * 1_000_000_000L;
      records.add(LogRecord.builder()
          .timestampNanos(base + random.nextInt(1_000_000_000))
          .observedTimestampNanos(base + random.nextInt(1000))
          .body(AnyValue.of("random " + i))
          .resource(POD)
          .build());
    }
    NdjsonEncoder encoder = new NdjsonEncoder(false);
    for (int round = 0; round < 2; round++) { // the second round starts from the first one's cache
      assertThat(new String(encoder.encode(records), StandardCharsets.UTF_8))
          .isEqualTo(new String(NdjsonEncoder.encodeWithJackson(records, false), StandardCharsets.UTF_8));
    }
  }

  @Test
  void writesBodiesKeptAsUtf8BytesAsJacksonWritesTheirText() {
    Random random = new Random(20261201);
    NdjsonEncoder encoder = new NdjsonEncoder(false); // one encoder: its key and resource caches
    for (int round = 0; round < 300; round++) {
      List<LogRecord> asText = new ArrayList<>();
      List<LogRecord> asBytes = new ArrayList<>();
      int count = 1 + random.nextInt(10);
      for (int i = 0; i < count; i++) {
        String body = randomText(random, 300);
        if (hasLoneSurrogate(body)) {
          continue; // bytes read from a file are well-formed UTF-8, which cannot hold one
        }
        String path = "/var/log/" + randomText(random, 5) + ".log";
        LogRecord text = record(POD, "engine", path, i, body);
        asText.add(text);
        byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
        asBytes.add(text.toBuilder().body(AnyValue.ofUtf8(utf8, 0, utf8.length)).build());
      }
      byte[] expected = NdjsonEncoder.encodeWithJackson(asText, false);
      assertThat(new String(encoder.encode(asBytes), StandardCharsets.UTF_8))
          .isEqualTo(new String(expected, StandardCharsets.UTF_8));
    }
  }

  @Test
  void valuesAndResourcesSharedByManyRecordsAreWrittenAsJacksonWritesThemBatchAfterBatch() {
    // Like files' records: each file's path value, its stream value and its resource are the same
    // instances on every record. More files than cache slots (paths evicting each other), values
    // too long to keep, lone surrogates, one instance under two keys and equal keys of different
    // instances, all through one encoder, batch after batch.
    Random random = new Random(20261202);
    int files = 400;
    AnyValue[] paths = new AnyValue[files];
    Resource[] resources = new Resource[files];
    AnyValue[] streams = {AnyValue.of("engine"), AnyValue.of("business"), AnyValue.of("str\"eam")};
    for (int f = 0; f < files; f++) {
      String path = "/var/log/pods/ns_pod-" + f + "/c/" + randomText(random, f % 7 == 0 ? 700 : 30) + ".log";
      paths[f] = f % 3 == 0 ? utf8Value(path) : AnyValue.of(path); // as read, or as a String
      resources[f] = f % 5 == 0 ? POD : Resource.of(Attributes.builder()
          .put("k8s.pod.name", "pod-" + f)
          .put("k8s.pod.labels", f % 11 == 0 ? "x".repeat(20_000) : randomText(random, 20))
          .put("k8s.pod.uid", paths[f]) // the path's instance under another key
          .build());
    }
    String keyAgain = new String("log.file.path"); // equal to the constant, another instance
    NdjsonEncoder encoder = new NdjsonEncoder(false);
    for (int round = 0; round < 300; round++) {
      List<LogRecord> batch = new ArrayList<>();
      int runs = 1 + random.nextInt(30);
      for (int r = 0; r < runs; r++) {
        int f = random.nextInt(random.nextBoolean() ? 20 : files);
        int count = 1 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
          Attributes.Builder attributes = Attributes.builder();
          if (random.nextInt(4) == 0) {
            attributes.put("level.name", AnyValue.of(randomText(random, 10))); // new every record
          }
          attributes.put(i % 2 == 0 ? "log.file.path" : keyAgain, paths[f])
              .put("log.offset", random.nextInt(1 << 20))
              .put("pipelens.stream", streams[f % streams.length]);
          if (f % 4 == 2) {
            attributes.put("Aa", paths[f]).put("BB", paths[f]); // one instance, keys of one hash code
          }
          if (f % 4 == 1) {
            attributes.put("ray.job.id", paths[(f + 1) % files]); // another file's path instance
          }
          batch.add(LogRecord.builder()
              .timestampNanos(random.nextLong())
              .observedTimestampNanos(random.nextLong())
              .severity(Severity.INFO)
              .severityText("INFO")
              .body(randomText(random, 100))
              .attributes(attributes.build())
              .resource(resources[f])
              .build());
        }
      }
      byte[] expected = NdjsonEncoder.encodeWithJackson(batch, false);
      assertThat(new String(encoder.encode(batch), StandardCharsets.UTF_8))
          .as("round %d", round).isEqualTo(new String(expected, StandardCharsets.UTF_8));
    }
  }

  private static AnyValue utf8Value(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return AnyValue.ofUtf8(utf8, 0, utf8.length);
  }

  private static boolean hasLoneSurrogate(String text) {
    return !text.equals(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  @Test
  void keepsItsBufferAcrossBatchesWithoutLeakingOldBytes() {
    NdjsonEncoder encoder = new NdjsonEncoder(false);
    List<LogRecord> big = List.of(record(POD, "engine", "/a.log", 0, "x".repeat(200_000)));
    List<LogRecord> small = List.of(record(POD, "engine", "/a.log", 1, "y"));
    assertThat(encoder.encode(big)).isEqualTo(NdjsonEncoder.encodeWithJackson(big, false));
    assertThat(encoder.encode(small)).isEqualTo(NdjsonEncoder.encodeWithJackson(small, false));
  }

  @Test
  void aBufferGivenBackIsReusedAndABufferHandedOutIsNeverWrittenAgain() {
    NdjsonEncoder encoder = new NdjsonEncoder(false);
    List<LogRecord> big = List.of(record(POD, "engine", "/a.log", 0, "x".repeat(200_000)));
    List<LogRecord> small = List.of(record(POD, "engine", "/a.log", 1, "y"));
    List<LogRecord> other = List.of(record(POD, "engine", "/b.log", 2, "z"));
    NdjsonEncoder.Lines first = encoder.encodeLines(big);
    NdjsonEncoder.Lines second = encoder.encodeLines(small); // first not given back yet
    assertThat(second.buffer()).isNotSameAs(first.buffer());
    assertThat(Arrays.copyOf(first.buffer(), first.length())).isEqualTo(NdjsonEncoder.encodeWithJackson(big, false));
    assertThat(Arrays.copyOf(second.buffer(), second.length()))
        .isEqualTo(NdjsonEncoder.encodeWithJackson(small, false));
    encoder.release(first);
    NdjsonEncoder.Lines third = encoder.encodeLines(other); // into the big batch's buffer
    assertThat(third.buffer()).isSameAs(first.buffer());
    assertThat(Arrays.copyOf(third.buffer(), third.length())).isEqualTo(NdjsonEncoder.encodeWithJackson(other, false));
    assertThat(Arrays.copyOf(second.buffer(), second.length()))
        .as("a batch still being written keeps its bytes").isEqualTo(NdjsonEncoder.encodeWithJackson(small, false));
  }

  private static void assertSameAsJackson(List<LogRecord> records) {
    byte[] expected = NdjsonEncoder.encodeWithJackson(records, false);
    byte[] actual = new NdjsonEncoder(false).encode(records);
    assertThat(new String(actual, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
    assertThat(actual).isEqualTo(expected);
  }

  private static LogRecord randomRecord(Random random) {
    LogRecord.Builder builder = LogRecord.builder()
        .timestampNanos(random.nextBoolean() ? random.nextLong() : random.nextInt(1000))
        .observedTimestampNanos(random.nextLong())
        .severity(Severity.fromNumber(random.nextInt(25)))
        .severityText(randomText(random, 6))
        .body(random.nextInt(4) == 0 ? randomValue(random, 2) : AnyValue.of(randomText(random, 300)))
        .attributes(randomAttributes(random, 2))
        .resource(Resource.of(randomAttributes(random, 1)));
    if (random.nextBoolean()) {
      builder.scopeName(randomText(random, 10));
    }
    if (random.nextBoolean()) {
      byte[] id = new byte[TraceId.LENGTH];
      random.nextBytes(id);
      builder.traceId(TraceId.fromBytes(id));
    }
    if (random.nextBoolean()) {
      byte[] id = new byte[SpanId.LENGTH];
      random.nextBytes(id);
      builder.spanId(SpanId.fromBytes(id));
    }
    if (random.nextBoolean()) {
      builder.flags(random.nextInt());
    }
    return builder.build();
  }

  private static Attributes randomAttributes(Random random, int depth) {
    Attributes.Builder attributes = Attributes.builder();
    int count = random.nextInt(6);
    for (int i = 0; i < count; i++) {
      attributes.put(randomText(random, 12), randomValue(random, depth));
    }
    return attributes.build();
  }

  private static AnyValue randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 8 : 6);
    switch (kind) {
      case 0:
        return AnyValue.empty();
      case 1:
        return AnyValue.of(randomText(random, 40));
      case 2:
        return AnyValue.of(random.nextBoolean());
      case 3: {
        long[] special = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 9, 10, 99, 100, 999_999_999_999_999_999L,
            1_000_000_000_000_000_000L, -1_000_000_000_000_000_000L};
        return AnyValue.of(random.nextBoolean() ? special[random.nextInt(special.length)] : random.nextLong());
      }
      case 4: {
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
            Double.MIN_VALUE, Double.MAX_VALUE, 1e-7, 1e7, 123.456, 1.0};
        return AnyValue.of(random.nextBoolean() ? special[random.nextInt(special.length)]
            : Double.longBitsToDouble(random.nextLong()));
      }
      case 5: {
        byte[] bytes = new byte[random.nextInt(20)];
        random.nextBytes(bytes);
        return AnyValue.of(bytes);
      }
      case 6: {
        List<AnyValue> values = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
          values.add(randomValue(random, depth - 1));
        }
        return AnyValue.of(values);
      }
      default:
        return AnyValue.of(randomAttributes(random, depth - 1));
    }
  }

  // Mostly ASCII, with control characters, quotes, backslashes, Latin-1, CJK, emoji and lone surrogates.
  private static String randomText(Random random, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int pick = random.nextInt(100);
      if (pick < 60) {
        text.append((char) (0x20 + random.nextInt(0x5F)));
      } else if (pick < 68) {
        text.append((char) random.nextInt(0x20));
      } else if (pick < 72) {
        text.append(random.nextBoolean() ? '"' : '\\');
      } else if (pick < 78) {
        text.append((char) (0x7F + random.nextInt(0x81)));
      } else if (pick < 86) {
        text.append((char) (0x100 + random.nextInt(0xD700)));
      } else if (pick < 92) {
        text.appendCodePoint(0x10000 + random.nextInt(0x100000));
      } else if (pick < 96) {
        text.append((char) (0xD800 + random.nextInt(0x800)));
      } else {
        text.append((char) (0xE000 + random.nextInt(0x2000)));
      }
    }
    return text.toString();
  }
}
