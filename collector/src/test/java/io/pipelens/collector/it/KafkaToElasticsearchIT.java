package io.pipelens.collector.it;

import static io.pipelens.collector.it.Harness.awaitCount;
import static io.pipelens.collector.it.Harness.collector;
import static io.pipelens.collector.it.Harness.documents;
import static io.pipelens.collector.it.Harness.meter;
import static io.pipelens.collector.it.Harness.otlp;
import static io.pipelens.collector.it.Harness.produce;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelens.collector.app.Collector;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Agent batches on Kafka → collector → Elasticsearch data streams. */
class KafkaToElasticsearchIT {

  @Test
  void recordsLandInTheirDataStreamWithEcsFields() throws Exception {
    String topic = "k2e-fields";
    Resource driver = Records.sparkDriver("data-prep", "uid-1");
    Resource ray = Resource.of(Attributes.builder()
        .put(AttributeNames.K8S_NAMESPACE_NAME, "ml")
        .put(AttributeNames.RAY_NODE_ID, "node-abc")
        .build());
    LogRecord rayLine = LogRecord.builder().timestamp(Records.T0).body("raylet started").resource(ray)
        .attributes(Attributes.builder().put(AttributeNames.PIPELENS_STREAM, "engine")
            .put(AttributeNames.RAY_JOB_ID, "02000000").build())
        .build();
    produce(topic, otlp(Records.engineLine(driver, 0, "first"), Records.engineLine(driver, 120, "second")),
        otlp(rayLine));
    try (Collector collector = collector("kf", topic, "g-fields", "  retention: 7d\n")) {
      assertThat(awaitCount("kf-engine.spark-data_prep", 2, Duration.ofSeconds(30))).isEqualTo(2);
      assertThat(awaitCount("kf-engine.ray-ml", 1, Duration.ofSeconds(30))).isEqualTo(1);

      JsonNode first = documents("kf-engine.spark-data_prep").get(0).path("_source");
      assertThat(first.path("@timestamp").asText()).isEqualTo("2025-03-01T10:00:00.123456789Z");
      assertThat(first.path("message").asText()).isEqualTo("first");
      assertThat(first.path("log").path("level").asText()).isEqualTo("warn");
      assertThat(first.path("log").path("file").path("path").asText()).isEqualTo("/var/log/pods/job-1-driver/spark.log");
      assertThat(first.path("log").path("offset").asLong()).isZero();
      JsonNode k8s = first.path("kubernetes");
      assertThat(k8s.path("namespace").asText()).isEqualTo("data-prep");
      assertThat(k8s.path("pod").path("name").asText()).isEqualTo("job-1-driver");
      assertThat(k8s.path("pod").path("uid").asText()).isEqualTo("uid-1");
      assertThat(k8s.path("container").path("name").asText()).isEqualTo("spark-kubernetes-driver");
      assertThat(k8s.path("node").path("name").asText()).isEqualTo("node-7");
      assertThat(first.path("spark").path("app_id").asText()).isEqualTo("spark-0001");
      assertThat(first.path("spark").path("executor_id").asText()).isEqualTo("driver");
      JsonNode pipelens = first.path("pipelens");
      assertThat(pipelens.path("stream").asText()).isEqualTo("engine");
      assertThat(pipelens.path("compute_type").asText()).isEqualTo("fixed");
      assertThat(pipelens.path("team").asText()).isEqualTo("data-prep");
      assertThat(pipelens.path("priority").asText()).isEqualTo("high");
      assertThat(first.path("attributes").path("thread").asText()).isEqualTo("main");
      assertThat(first.path("resource").path("attributes").path("cloud.region").asText()).isEqualTo("eu-1");

      // The mapping is the template's: a keyword can be searched exactly, attributes are flattened.
      JsonNode hits = Harness.request("POST", "/kf-*/_search",
          "{\"query\": {\"bool\": {\"filter\": [{\"term\": {\"kubernetes.pod.uid\": \"uid-1\"}},"
              + "{\"term\": {\"attributes.thread\": \"main\"}}]}}}");
      assertThat(hits.path("hits").path("total").path("value").asInt()).isEqualTo(2);
      assertThat(meter(collector, "pipelens_collector_received_records", "source", "kafka")).isEqualTo(3);
      assertThat(meter(collector, "pipelens_collector_sent_records", "output", "elasticsearch")).isEqualTo(3);
      assertThat(collector.elasticsearchReachable()).isTrue();
      JsonNode template = Harness.request("GET", "/_index_template/pipelens-kf", null)
          .path("index_templates").get(0).path("index_template");
      assertThat(template.path("priority").asInt()).isEqualTo(500);
      assertThat(template.path("template").path("lifecycle").path("data_retention").asText()).isEqualTo("7d");
    }
  }

  @Test
  void redeliveryAfterAnOffsetResetCreatesNoDuplicates() throws Exception {
    String topic = "k2e-redeliver";
    Resource driver = Records.sparkDriver("redeliver", "uid-2");
    for (int batch = 0; batch < 5; batch++) {
      LogRecord[] lines = new LogRecord[20];
      for (int i = 0; i < lines.length; i++) {
        long offset = (batch * 20L + i) * 100;
        lines[i] = Records.engineLine(driver, offset, "line " + offset);
      }
      produce(topic, otlp(lines));
    }
    String stream = "kr-engine.spark-redeliver";
    try (Collector collector = collector("kr", topic, "g-redeliver", "")) {
      assertThat(awaitCount(stream, 100, Duration.ofSeconds(30))).isEqualTo(100);
      Harness.await("offsets committed", Duration.ofSeconds(10), () -> committed("g-redeliver", topic) == 5);
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Harness.kafka()))) {
      admin.alterConsumerGroupOffsets("g-redeliver", Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0)))
          .all().get();
    }
    try (Collector collector = collector("kr", topic, "g-redeliver", "")) {
      Harness.await("the redelivered records", Duration.ofSeconds(30),
          () -> meter(collector, "pipelens_collector_es_duplicates") == 100);
      assertThat(meter(collector, "pipelens_collector_sent_records", "output", "elasticsearch")).isZero();
    }
    assertThat(Harness.count(stream)).isEqualTo(100);
  }

  @Test
  void rejectedAndUndecodableGoToTheDeadLetterTopicWithTheirReasonWhileTheRestIsIndexed() throws Exception {
    String topic = "k2e-dlq";
    Resource driver = Records.sparkDriver("dlq", "uid-3");
    LogRecord conflicting = Records.engineLine(driver, 50, "bad offset").toBuilder()
        .attributes(Attributes.builder().put(AttributeNames.PIPELENS_STREAM, "engine")
            .put(AttributeNames.LOG_FILE_PATH, "/x.log")
            .put(AttributeNames.LOG_OFFSET, "not-a-number").build())
        .build();
    produce(topic,
        otlp(Records.engineLine(driver, 0, "good 1"), conflicting, Records.engineLine(driver, 100, "good 2")),
        "this is not protobuf".getBytes(StandardCharsets.UTF_8),
        otlp(Records.engineLine(driver, 200, "good 3")));
    try (Collector collector = collector("kd", topic, "g-dlq", "")) {
      assertThat(awaitCount("kd-engine.spark-dlq", 3, Duration.ofSeconds(30))).isEqualTo(3);
      List<ConsumerRecord<byte[], byte[]>> letters = Harness.consumeAll("kd-dlq", 2);
      assertThat(letters).hasSize(2);
      Map<String, ConsumerRecord<byte[], byte[]>> byStage = letters.stream()
          .collect(Collectors.toMap(r -> header(r, "pipelens.dlq.stage"), r -> r));

      ConsumerRecord<byte[], byte[]> rejected = byStage.get("index");
      assertThat(header(rejected, "pipelens.dlq.reason"))
          .contains("status 400", "document_parsing_exception", "log.offset");
      assertThat(header(rejected, "pipelens.dlq.origin")).isEqualTo("kd-engine.spark-dlq");
      LogRecord replayable = Harness.CODEC.decode(rejected.value()).get(0);
      assertThat(replayable.body()).isEqualTo(conflicting.body());

      ConsumerRecord<byte[], byte[]> undecodable = byStage.get("decode");
      assertThat(new String(undecodable.value(), StandardCharsets.UTF_8)).isEqualTo("this is not protobuf");
      assertThat(header(undecodable, "pipelens.dlq.reason")).startsWith("Not a valid OTLP ExportLogsServiceRequest");
      assertThat(header(undecodable, "pipelens.dlq.origin")).isEqualTo(topic + "/0@1");

      Harness.await("all offsets committed", Duration.ofSeconds(10), () -> committed("g-dlq", topic) == 3);
      assertThat(meter(collector, "pipelens_collector_dlq_records", "stage", "index")).isEqualTo(1);
      assertThat(meter(collector, "pipelens_collector_dlq_records", "stage", "decode")).isEqualTo(1);
      assertThat(collector.ops().registry().find("pipelens_collector_es_rejections").counter().getId()
          .getTag("reason")).isEqualTo("document_parsing_exception");
    }
  }

  static long committed(String group, String topic) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Harness.kafka()))) {
      OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
          .get(new TopicPartition(topic, 0));
      return offset == null ? -1 : offset.offset();
    } catch (Exception e) {
      return -2;
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
    return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
