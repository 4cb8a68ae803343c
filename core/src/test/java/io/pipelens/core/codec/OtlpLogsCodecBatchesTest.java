package io.pipelens.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batch after batch through one codec on one thread, which keeps the writer's size slots and the
 * UTF-8 of repeated strings between batches: every batch must still be what the generated classes
 * write, whichever strings, resources and scopes the batches before it held.
 */
class OtlpLogsCodecBatchesTest {

  // The generated classes log a warning with a stack trace for every lone surrogate they write;
  // these batches hold thousands.
  private static final Logger PROTOBUF_LOG = Logger.getLogger("com.google.protobuf.CodedOutputStream");
  private static Level protobufLevel;

  private final OtlpLogsCodec codec = new OtlpLogsCodec();

  @BeforeAll
  static void quietProtobuf() {
    protobufLevel = PROTOBUF_LOG.getLevel();
    PROTOBUF_LOG.setLevel(Level.SEVERE);
  }

  @AfterAll
  static void restoreProtobufLogging() {
    PROTOBUF_LOG.setLevel(protobufLevel);
  }

  // "Aa" and "BB" (and "AaAa", "BBBB", "AaBB") share a hash code, hence a slot of the string cache.
  private static final String[] STRINGS = {
    AttributeNames.LOG_FILE_PATH, AttributeNames.LOG_OFFSET, AttributeNames.PIPELENS_STREAM,
    "Aa", "BB", "AaAa", "BBBB", "AaBB", "", "INFO", "WARN", "clé", "键", "🚀 key", "lone \uD800 high",
    "lone \uDC00 low", "x".repeat(Utf8Strings.MAX_LENGTH), "y".repeat(Utf8Strings.MAX_LENGTH + 1),
    "é".repeat(Utf8Strings.MAX_LENGTH + 5), "scope.a", "scope.b",
  };

  @Test
  void batchAfterBatchIsWhatTheGeneratedClassesWrite() throws Exception {
    Random random = new Random(20261202);
    Resource shared = resource("spark-driver", random);
    for (int round = 0; round < 400; round++) {
      List<LogRecord> batch = batch(random, shared);
      byte[] expected = GeneratedOtlp.request(batch).toByteArray();
      assertThat(codec.encode(batch)).as("round %d, %d records", round, batch.size()).isEqualTo(expected);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      codec.encode(batch, out);
      assertThat(out.toByteArray()).as("round %d to a stream", round).isEqualTo(expected);
    }
  }

  @Test
  void aBatchEncodedWhileAnotherIsBeingWrittenOnTheSameThreadGetsItsOwnSizes() throws Exception {
    Random random = new Random(7);
    Resource shared = resource("a", random);
    List<LogRecord> outer = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      outer.add(record(random, shared, "scope.a"));
    }
    List<LogRecord> inner = batch(random, resource("b", random));
    byte[] innerExpected = GeneratedOtlp.request(inner).toByteArray();
    List<byte[]> innerEncoded = new ArrayList<>();
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    // A stream that encodes another batch each time the outer writer flushes into it.
    OutputStream reentrant =
        new OutputStream() {
          @Override
          public void write(int b) {
            written.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            innerEncoded.add(codec.encode(inner));
            written.write(b, off, len);
          }
        };

    codec.encode(outer, reentrant);

    assertThat(innerEncoded).isNotEmpty().allSatisfy(bytes -> assertThat(bytes).isEqualTo(innerExpected));
    assertThat(written.toByteArray()).isEqualTo(GeneratedOtlp.request(outer).toByteArray());
    assertThat(codec.encode(inner)).isEqualTo(innerExpected);
  }

  /** One file's records (one resource and scope instance) or a mix, 1 to 2,000 records. */
  private static List<LogRecord> batch(Random random, Resource shared) {
    int size = 1 + random.nextInt(random.nextBoolean() ? 20 : 2000);
    List<LogRecord> batch = new ArrayList<>(size);
    int shape = random.nextInt(4);
    String scope = pick(random);
    for (int i = 0; i < size; i++) {
      switch (shape) {
        case 0 -> batch.add(record(random, shared, scope)); // one resource, one scope instance
        case 1 -> batch.add(record(random, shared, i == size - 1 ? new String(scope) : scope)); // last scope equal, not same
        case 2 -> batch.add(record(random, i == size - 1 ? resource("other", random) : shared, scope));
        default -> batch.add(record(random, random.nextBoolean() ? shared : resource("r" + random.nextInt(3), random), pick(random)));
      }
    }
    return batch;
  }

  private static LogRecord record(Random random, Resource resource, String scope) {
    Attributes.Builder attributes = Attributes.builder();
    int count = random.nextInt(6);
    for (int i = 0; i < count; i++) {
      String key = pick(random);
      // A copy half of the time: the same text as another instance.
      attributes.put(random.nextBoolean() ? key : new String(key), pick(random));
    }
    return LogRecord.builder()
        .timestampNanos(random.nextLong() & Long.MAX_VALUE)
        .severity(Severity.INFO)
        .severityText(random.nextBoolean() ? pick(random) : new String(pick(random)))
        .body("line " + random.nextInt())
        .attributes(attributes.build())
        .resource(resource)
        .scopeName(scope)
        .build();
  }

  private static Resource resource(String name, Random random) {
    return Resource.of(Attributes.builder().put("k8s.pod.name", name).put(pick(random), pick(random)).build());
  }

  private static String pick(Random random) {
    return STRINGS[random.nextInt(STRINGS.length)];
  }
}
