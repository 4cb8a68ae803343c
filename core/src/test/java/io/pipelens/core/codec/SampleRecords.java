package io.pipelens.core.codec;

import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Severity;
import io.pipelens.core.record.SpanId;
import io.pipelens.core.record.Stream;
import io.pipelens.core.record.TraceId;
import java.util.List;

/** Records the codec tests share: every value kind, hostile text, big bodies, many sources. */
final class SampleRecords {

  static final Resource DRIVER_POD =
      Resource.of(
          Attributes.builder()
              .put(AttributeNames.K8S_NAMESPACE_NAME, "data-prep")
              .put(AttributeNames.K8S_POD_NAME, "etl-daily-driver")
              .put(AttributeNames.K8S_POD_UID, "6f1c2a4e-0d55-4c1e-9b7a-3e2f8c9d1a00")
              .put(AttributeNames.K8S_CONTAINER_NAME, "spark-kubernetes-driver")
              .put(AttributeNames.K8S_NODE_NAME, "node-a-17")
              .put(AttributeNames.SPARK_APP_ID, "spark-4b1f0c")
              .put(AttributeNames.SPARK_EXECUTOR_ID, "driver")
              .put(AttributeNames.PIPELENS_TEAM, "search")
              .put(AttributeNames.PIPELENS_COMPUTE_TYPE, "fixed")
              .build());

  static final Resource EXECUTOR_POD =
      Resource.of(
          DRIVER_POD.attributes().toBuilder()
              .put(AttributeNames.K8S_POD_NAME, "etl-daily-exec-1")
              .put(AttributeNames.SPARK_EXECUTOR_ID, "1")
              .build());

  static final Resource RAY_HEAD =
      Resource.of(
          Attributes.builder()
              .put(AttributeNames.K8S_POD_NAME, "raycluster-head-x7k2p")
              .put(AttributeNames.RAY_NODE_ID, "a1b2c3")
              .put(AttributeNames.PIPELENS_COMPUTE_TYPE, "serverless")
              .build());

  private SampleRecords() {}

  /** A record using every field, and every AnyValue kind in its body and attributes. */
  static LogRecord everyKind() {
    AnyValue nested =
        AnyValue.ofArray(
            AnyValue.of("a"),
            AnyValue.of(1L),
            AnyValue.ofArray(AnyValue.ofArray(), AnyValue.empty()),
            AnyValue.of(
                Attributes.builder().put("inner", AnyValue.ofArray(AnyValue.of(true))).build()));
    Attributes kvlist =
        Attributes.builder()
            .put("k.string", "v")
            .put("k.nested", nested)
            .put("k.empty.kvlist", AnyValue.of(Attributes.empty()))
            .build();
    return LogRecord.builder()
        .timestampNanos(1_735_689_600_123_456_789L)
        .observedTimestampNanos(1_735_689_600_223_456_789L)
        .severity(Severity.WARN2)
        .severityText("warning")
        .body(AnyValue.of(kvlist))
        .attributes(
            Attributes.builder()
                .put(AttributeNames.PIPELENS_STREAM, Stream.ENGINE.wireName())
                .put("string", "text")
                .put("string.empty", "")
                .put("bool.true", true)
                .put("bool.false", false)
                .put("int", 42L)
                .put("int.zero", 0L)
                .put("int.min", Long.MIN_VALUE)
                .put("int.max", Long.MAX_VALUE)
                .put("double", 3.25)
                .put("double.zero", 0.0)
                .put("double.negative.zero", -0.0)
                .put("double.nan", Double.NaN)
                .put("double.infinity", Double.NEGATIVE_INFINITY)
                .put("bytes", AnyValue.of(new byte[] {0, 1, (byte) 0xFF, 0x7F, (byte) 0x80}))
                .put("bytes.empty", AnyValue.of(new byte[0]))
                .put("array", nested)
                .put("array.empty", AnyValue.ofArray())
                .put("kvlist", AnyValue.of(kvlist))
                .put("kvlist.empty", AnyValue.of(Attributes.empty()))
                .put("empty", AnyValue.empty())
                .put("", "the empty key")
                .put(AttributeNames.LOG_OFFSET, 1_234_567L)
                .put(AttributeNames.LOG_TRUNCATED, false)
                .build())
        .resource(DRIVER_POD)
        .scopeName("org.apache.spark.scheduler.DAGScheduler")
        .traceId(TraceId.fromHex("5b8efff798038103d269b633813fc60c"))
        .spanId(SpanId.fromHex("eee19b7ec3c1b174"))
        .flags(1)
        .build();
  }

  /** A record with nothing set. */
  static LogRecord bare() {
    return LogRecord.builder().build();
  }

  /** A plain engine log line of {@code resource}. */
  static LogRecord line(Resource resource, String body, long timestampNanos) {
    return LogRecord.builder()
        .timestampNanos(timestampNanos)
        .severity(Severity.INFO)
        .severityText("INFO")
        .body(body)
        .attributes(
            Attributes.builder()
                .put(AttributeNames.PIPELENS_STREAM, Stream.ENGINE.wireName())
                .put(AttributeNames.LOG_FILE_PATH, "/var/log/pods/x/spark/0.log")
                .put(AttributeNames.LOG_OFFSET, timestampNanos % 10_000)
                .build())
        .resource(resource)
        .build();
  }

  /** Text in scripts and planes that break naive UTF-8 handling, in every string field. */
  static LogRecord nonAscii() {
    String cjk = "数据预处理任务失败：分区 ７ 超时";
    String emoji = "done 🚀🔥👩‍💻 (ZWJ) and 𝄞 (supplementary plane)";
    String rtl = "خطأ في المهمة — שגיאה במשימה";
    String combining = "e\u0301 vs é, Å, ﬁ";
    return LogRecord.builder()
        .timestampNanos(1L)
        .severity(Severity.ERROR)
        .severityText("错误")
        .body(cjk + " | " + emoji + " | " + rtl + " | " + combining)
        .attributes(
            Attributes.builder()
                .put("中文.键", cjk)
                .put("emoji.🔑", emoji)
                .put("rtl", rtl)
                .put("combining", combining)
                .put("nul.and.controls", "a\u0000b\u0001c\t\n\r\u007f")
                .build())
        .resource(Resource.of(Attributes.builder().put("k8s.pod.name", "日本語-pod-😀").build()))
        .scopeName("журнал")
        .build();
  }

  /** A record whose body is {@code size} bytes of ASCII. */
  static LogRecord bigBody(int size) {
    StringBuilder body = new StringBuilder(size);
    for (int i = 0; body.length() < size; i++) {
      body.append((char) ('a' + i % 26));
    }
    return LogRecord.builder()
        .timestampNanos(2L)
        .body(body.toString())
        .attributes(Attributes.builder().put(AttributeNames.LOG_TRUNCATED, true).build())
        .resource(EXECUTOR_POD)
        .build();
  }

  /** Records of three sources, interleaved, and two scopes within one source. */
  static List<LogRecord> interleaved() {
    return List.of(
        line(DRIVER_POD, "d1", 10),
        line(EXECUTOR_POD, "e1", 11),
        line(DRIVER_POD, "d2", 12).toBuilder().scopeName("other.scope").build(),
        line(RAY_HEAD, "r1", 13),
        line(DRIVER_POD, "d3", 14),
        line(EXECUTOR_POD, "e2", 15),
        line(DRIVER_POD, "d4", 16).toBuilder().scopeName("other.scope").build());
  }

  /** {@link #interleaved()} in the order OTLP nests it: by resource, then by scope. */
  static List<LogRecord> interleavedGrouped() {
    List<LogRecord> batch = interleaved();
    return List.of(
        batch.get(0),
        batch.get(4),
        batch.get(2),
        batch.get(6),
        batch.get(1),
        batch.get(5),
        batch.get(3));
  }
}
