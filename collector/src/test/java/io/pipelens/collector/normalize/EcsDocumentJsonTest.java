package io.pipelens.collector.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Severity;
import io.pipelens.core.record.SpanId;
import io.pipelens.core.record.TraceId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bytes {@link EcsDocument#json} writes are the document {@link EcsDocument#of} holds. */
class EcsDocumentJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] TEXTS = {
    "", "plain", "quote \" backslash \\ slash /", "new\nline\ttab\rreturn\b\f", "\u0001\u001f\u007f",
    "é 中文 😀", "{\"event\":\"SparkListenerJobStart\"}", "x".repeat(3000)
  };
  private static final String[] KEYS = {
    AttributeNames.K8S_NAMESPACE_NAME, AttributeNames.K8S_POD_NAME, AttributeNames.K8S_POD_UID,
    AttributeNames.K8S_CONTAINER_NAME, AttributeNames.K8S_NODE_NAME, AttributeNames.SPARK_APP_ID,
    AttributeNames.SPARK_EXECUTOR_ID, AttributeNames.RAY_JOB_ID, AttributeNames.RAY_NODE_ID,
    AttributeNames.PIPELENS_STREAM, AttributeNames.PIPELENS_COMPUTE_TYPE, AttributeNames.PIPELENS_TEAM,
    AttributeNames.PIPELENS_PRIORITY, AttributeNames.LOG_FILE_PATH, AttributeNames.LOG_OFFSET,
    "thread", "host.arch", "nested", "ké\"y"
  };

  @Test
  void randomRecordsGiveTheSameDocumentBothWays() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 3000; i++) {
      LogRecord record = randomRecord(random);
      assertSame(record, random.nextLong());
    }
  }

  @Test
  void stringsDecodedFromProtobufAreWrittenFromTheirBytes() throws Exception {
    // Through the codec, as the Kafka source gets them: string values held as UTF-8 only.
    Random random = new Random(7);
    List<LogRecord> records = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      records.add(randomRecord(random));
    }
    OtlpLogsCodec codec = new OtlpLogsCodec();
    for (LogRecord record : codec.decode(codec.encode(records))) {
      assertSame(record, 1_700_000_000_000_000_000L);
    }
  }

  @Test
  void timestampsAreWrittenAsInstantWritesThem() throws Exception {
    List<Long> nanos = new ArrayList<>(List.of(0L, 1L, 999_999_999L, 1_000_000_000L, 1_000_000L, 1_000L,
        951_782_400_000_000_000L, // 2000-02-29
        4_107_542_400_000_000_000L, // 2100-02-28
        4_107_628_799_123_000_000L, // 2100-03-01T23:59:59.123
        1_709_164_800_120_000_000L, // 2024-02-29T00:00:00.12
        Long.MAX_VALUE, -1L, -86_400_000_000_001L, Long.MIN_VALUE));
    Random random = new Random(3);
    for (int i = 0; i < 20_000; i++) {
      long n = random.nextLong();
      nanos.add(switch (i % 3) {
        case 0 -> n;
        case 1 -> n / 1_000_000 * 1_000_000;
        default -> n / 1_000 * 1_000;
      });
    }
    for (long n : nanos) {
      // A record without timestamps is stamped with the time it was received.
      JsonNode doc = JSON.readTree(EcsDocument.json(LogRecord.builder().build(), n, "id"));
      Instant instant = Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
      assertThat(doc.path("@timestamp").asText()).as("%d", n).isEqualTo(instant.toString());
    }
  }

  @Test
  void aLoneSurrogateBecomesAQuestionMarkInValidJson() throws Exception {
    LogRecord record = LogRecord.builder().body("half \uD800 of a pair")
        .attributes(Attributes.builder().put("k\uDC00", "v\uD800").build()).build();
    JsonNode doc = JSON.readTree(EcsDocument.json(record, 1, "id"));
    assertThat(doc.path("message").asText()).isEqualTo("half ? of a pair");
    assertThat(doc.path("attributes").path("k?").asText()).isEqualTo("v?");
  }

  private static void assertSame(LogRecord record, long receivedNanos) throws Exception {
    String id = DocumentIds.of(record);
    JsonNode viaMaps = JSON.valueToTree(EcsDocument.of(record, receivedNanos, id));
    byte[] bytes = EcsDocument.json(record, receivedNanos, id);
    JsonNode direct = JSON.readTree(bytes);
    assertThat(direct).as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(viaMaps);
  }

  private static LogRecord randomRecord(Random random) {
    LogRecord.Builder builder = LogRecord.builder();
    if (random.nextBoolean()) {
      builder.timestampNanos(random.nextLong(4_000_000_000_000_000_000L));
    }
    if (random.nextBoolean()) {
      builder.observedTimestampNanos(1 + random.nextLong(4_000_000_000_000_000_000L));
    }
    builder.severity(Severity.fromNumber(random.nextInt(25)));
    if (random.nextInt(4) == 0) {
      builder.severityText(" " + TEXTS[random.nextInt(3)] + "WARN ");
    }
    if (random.nextInt(5) != 0) {
      builder.body(value(random, 0));
    }
    if (random.nextBoolean()) {
      builder.scopeName(TEXTS[random.nextInt(TEXTS.length)]);
    }
    if (random.nextBoolean()) {
      builder.traceId(TraceId.fromHex("0af7651916cd43dd8448eb211c80319c"));
      builder.spanId(SpanId.fromHex("b7ad6b7169203331"));
    }
    return builder.attributes(attributes(random)).resource(Resource.of(attributes(random))).build();
  }

  private static Attributes attributes(Random random) {
    Attributes.Builder attributes = Attributes.builder();
    int n = random.nextInt(8);
    for (int i = 0; i < n; i++) {
      attributes.put(KEYS[random.nextInt(KEYS.length)], value(random, 0));
    }
    return attributes.build();
  }

  private static AnyValue value(Random random, int depth) {
    int kind = random.nextInt(depth > 1 ? 6 : 8);
    return switch (kind) {
      case 0, 1 -> AnyValue.of(TEXTS[random.nextInt(TEXTS.length)]);
      case 2 -> AnyValue.of(random.nextBoolean());
      case 3 -> AnyValue.of(random.nextLong());
      case 4 -> AnyValue.of(random.nextInt(10) == 0 ? Double.NaN : random.nextDouble() * 1e12);
      case 5 -> random.nextBoolean() ? AnyValue.of(new byte[] {1, 2, (byte) 255}) : AnyValue.empty();
      case 6 -> AnyValue.of(List.of(value(random, depth + 1), value(random, depth + 1), AnyValue.empty()));
      default -> AnyValue.of(Attributes.builder().put("a", value(random, depth + 1))
          .put("b", value(random, depth + 1)).build());
    };
  }
}
