package io.pipelens.collector.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Severity;
import io.pipelens.core.record.SpanId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormalizeTest {

  private static final Resource DRIVER = Resource.of(Attributes.builder()
      .put(AttributeNames.K8S_NAMESPACE_NAME, "Data-Prep")
      .put(AttributeNames.K8S_POD_UID, "uid-1")
      .put(AttributeNames.SPARK_APP_ID, "spark-1")
      .put("host.arch", "amd64")
      .build());

  private static LogRecord line(long offset) {
    return LogRecord.builder()
        .timestamp(Instant.parse("2025-01-01T00:00:00.000000001Z"))
        .severity(Severity.ERROR2)
        .body("boom")
        .resource(DRIVER)
        .attributes(Attributes.builder()
            .put(AttributeNames.PIPELENS_STREAM, "engine")
            .put(AttributeNames.LOG_FILE_PATH, "/var/log/a.log")
            .put(AttributeNames.LOG_OFFSET, offset)
            .put("thread", "main")
            .build())
        .build();
  }

  @Test
  void kafkaRecordsAreFixedUnlessTheySayOtherwise() {
    LogRecord normalized = RecordNormalizer.forKafka().normalize(line(0));
    assertThat(normalized.resource().getString(AttributeNames.PIPELENS_COMPUTE_TYPE)).isEqualTo("fixed");

    Resource serverless = Resource.of(DRIVER.attributes().toBuilder()
        .put(AttributeNames.PIPELENS_COMPUTE_TYPE, "serverless").build());
    LogRecord sidecar = line(0).toBuilder().resource(serverless).build();
    assertThat(RecordNormalizer.forKafka().normalize(sidecar)).isSameAs(sidecar);
  }

  @Test
  void otlpRecordsAreServerlessAndTheTokenDecidesTheTeam() {
    Resource claimed = Resource.of(Attributes.builder().put(AttributeNames.PIPELENS_TEAM, "someone-else").build());
    List<LogRecord> normalized = RecordNormalizer.forOtlp("team-a").normalize(List.of(
        LogRecord.builder().body("a").resource(claimed).build(),
        LogRecord.builder().body("b").resource(claimed).build()));
    Resource resource = normalized.get(0).resource();
    assertThat(resource.getString(AttributeNames.PIPELENS_TEAM)).isEqualTo("team-a");
    assertThat(resource.getString(AttributeNames.PIPELENS_COMPUTE_TYPE)).isEqualTo("serverless");
    assertThat(normalized.get(1).resource()).as("records of one resource share it").isSameAs(resource);
    assertThat(normalized.get(0).attributes().getString(AttributeNames.PIPELENS_STREAM)).isEqualTo("business");
  }

  @Test
  void documentHasEcsFieldsAndKeepsTheRestFlattened() {
    LogRecord record = RecordNormalizer.forKafka().normalize(line(42).toBuilder()
        .spanId(SpanId.fromHex("0102030405060708")).scopeName("org.apache.spark.Executor").build());
    Map<String, Object> doc = EcsDocument.of(record, 0);
    assertThat(doc).containsEntry("@timestamp", "2025-01-01T00:00:00.000000001Z").containsEntry("message", "boom");
    assertThat(doc.get("log")).isEqualTo(Map.of("level", "error", "logger", "org.apache.spark.Executor",
        "file", Map.of("path", "/var/log/a.log"), "offset", 42L));
    assertThat(doc.get("kubernetes")).isEqualTo(Map.of("namespace", "Data-Prep", "pod", Map.of("uid", "uid-1")));
    assertThat(doc.get("spark")).isEqualTo(Map.of("app_id", "spark-1"));
    assertThat(doc.get("pipelens")).isEqualTo(Map.of("stream", "engine", "compute_type", "fixed"));
    assertThat(doc.get("span")).isEqualTo(Map.of("id", "0102030405060708"));
    assertThat(doc.get("attributes")).isEqualTo(Map.of("thread", "main"));
    assertThat(doc.get("resource")).isEqualTo(Map.of("attributes", Map.of("host.arch", "amd64")));
  }

  @Test
  void timestampFallsBackToObservedThenReceived() {
    assertThat(EcsDocument.of(LogRecord.builder().observedTimestampNanos(2_000_000_000L).build(), 5))
        .containsEntry("@timestamp", "1970-01-01T00:00:02Z");
    assertThat(EcsDocument.of(LogRecord.builder().build(), 3_000_000_000L))
        .containsEntry("@timestamp", "1970-01-01T00:00:03Z");
  }

  @Test
  void levelIsTheTextLowerCasedOrTheRangeOfTheNumber() {
    assertThat(EcsDocument.level(LogRecord.builder().severityText(" Warning ").build())).isEqualTo("warning");
    assertThat(EcsDocument.level(LogRecord.builder().severity(Severity.INFO3).build())).isEqualTo("info");
    assertThat(EcsDocument.level(LogRecord.builder().severity(Severity.FATAL4).build())).isEqualTo("fatal");
    assertThat(EcsDocument.level(LogRecord.builder().build())).isNull();
  }

  @Test
  void structuredBodiesBecomeJsonMessages() {
    LogRecord record = LogRecord.builder()
        .body(AnyValue.of(Attributes.builder().put("event", "SparkListenerJobStart").put("id", 3L).build()))
        .build();
    assertThat(EcsDocument.of(record, 1)).containsEntry("message", "{\"event\":\"SparkListenerJobStart\",\"id\":3}");
  }

  @Test
  void dataStreamIsStreamEngineAndSanitisedNamespace() {
    LogRecord spark = RecordNormalizer.forKafka().normalize(line(0));
    assertThat(DataStreamName.of("logs", spark)).isEqualTo("logs-engine.spark-data_prep");
    LogRecord ray = LogRecord.builder()
        .attributes(Attributes.builder().put(AttributeNames.RAY_JOB_ID, "01").build()).build();
    assertThat(DataStreamName.of("logs", RecordNormalizer.forOtlp("t").normalize(ray)))
        .isEqualTo("logs-business.ray-default");
    assertThat(DataStreamName.namespace("a/b*c?d e:f#g")).isEqualTo("a_b_c_d_e_f_g");
    assertThat(DataStreamName.namespace("x".repeat(150))).hasSize(100);
    assertThat(DataStreamName.namespace(" ")).isEqualTo("default");
  }

  @Test
  void fileRecordsAreIdentifiedByPodPathAndOffset() {
    LogRecord first = RecordNormalizer.forKafka().normalize(line(100));
    // A redelivery may differ in what the agent observed; the position is what counts.
    LogRecord redelivered = first.toBuilder().observedTimestampNanos(999).build();
    assertThat(DocumentIds.of(redelivered)).isEqualTo(DocumentIds.of(first)).hasSize(22);
    assertThat(DocumentIds.of(RecordNormalizer.forKafka().normalize(line(101)))).isNotEqualTo(DocumentIds.of(first));
    Resource otherPod = Resource.of(DRIVER.attributes().toBuilder().put(AttributeNames.K8S_POD_UID, "uid-2").build());
    assertThat(DocumentIds.of(first.toBuilder().resource(otherPod).build())).isNotEqualTo(DocumentIds.of(first));
  }

  @Test
  void fileIdsAreTheHashOfTheirPositionTextWhateverFormTheValuesCameIn() throws Exception {
    // Ids must never change between versions: a redelivery after an upgrade would duplicate.
    // The definition: the first 16 bytes of SHA-256("file\0<uid or node>\0<path>\0<offset>"),
    // URL-safe base64 without padding, each part the attribute's text.
    Attributes nodeOnly = Attributes.builder().put(AttributeNames.K8S_NODE_NAME, "node-é").build();
    Attributes emptyUid = Attributes.builder().put(AttributeNames.K8S_POD_UID, AnyValue.empty())
        .put(AttributeNames.K8S_NODE_NAME, "node-2").build();
    Attributes numericUid = Attributes.builder().put(AttributeNames.K8S_POD_UID, 12345L).build();
    List<Object[]> cases = List.of(
        new Object[] {DRIVER.attributes(), "/var/log/pods/x/0.log", 100L, "uid-1"},
        new Object[] {nodeOnly, "/var/log/中文 😀.log", 0L, "node-é"},
        new Object[] {emptyUid, "/p", 7L, "node-2"},
        new Object[] {numericUid, "/p", -1L, "12345"});
    io.pipelens.core.codec.OtlpLogsCodec codec = new io.pipelens.core.codec.OtlpLogsCodec();
    for (Object[] c : cases) {
      LogRecord record = LogRecord.builder().body("x").resource(Resource.of((Attributes) c[0]))
          .attributes(Attributes.builder().put(AttributeNames.LOG_FILE_PATH, (String) c[1])
              .put(AttributeNames.LOG_OFFSET, (long) c[2]).build()).build();
      String position = "file\0" + c[3] + "\0" + c[1] + "\0" + c[2];
      byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(position.getBytes(StandardCharsets.UTF_8));
      String expected = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(sha, 16));
      assertThat(DocumentIds.of(record)).as(position).isEqualTo(expected);
      // Decoded from protobuf, its strings are UTF-8 bytes only: the same id.
      assertThat(DocumentIds.of(codec.decode(codec.encode(List.of(record))).get(0))).as(position).isEqualTo(expected);
    }
  }

  @Test
  void recordsWithoutAPositionAreIdentifiedByTheirContent() {
    LogRecord sdk = LogRecord.builder().timestampNanos(1).body("hello").build();
    assertThat(DocumentIds.of(sdk)).isEqualTo(DocumentIds.of(LogRecord.builder().timestampNanos(1).body("hello").build()));
    assertThat(DocumentIds.of(sdk)).isNotEqualTo(DocumentIds.of(sdk.toBuilder().timestampNanos(2).build()));
    assertThat(DocumentIds.of(sdk)).isNotEqualTo(DocumentIds.of(sdk.toBuilder().body("hello!").build()));
  }
}
