package io.pipelens.agent.output.kafka;

import static io.pipelens.agent.output.TestRecords.record;
import static io.pipelens.agent.output.TestRecords.records;
import static io.pipelens.agent.output.TestRecords.sparkPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.core.config.DataSize;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaMessagesTest {

  private static final OtlpLogsCodec CODEC = new OtlpLogsCodec();

  @Test
  void theKeyIsTheSparkAppThenTheRayJobThenThePod() {
    Resource spark = sparkPod("spark-1", "uid-spark");
    Resource pod = Resource.of(Attributes.builder().put(AttributeNames.K8S_POD_UID, "uid-pod").build());
    LogRecord ray =
        record(pod, "business", "/r.log", 0, "x").toBuilder()
            .attributes(Attributes.builder().put(AttributeNames.RAY_JOB_ID, "0a000000").build())
            .build();

    assertThat(KafkaMessages.jobKey(record(spark, "engine", "/a", 0, "x"))).isEqualTo("spark-1");
    assertThat(KafkaMessages.jobKey(ray)).isEqualTo("0a000000");
    assertThat(KafkaMessages.jobKey(record(pod, "engine", "/a", 0, "x"))).isEqualTo("uid-pod");
    assertThat(KafkaMessages.jobKey(record(Resource.empty(), "engine", "/a", 0, "x"))).isNull();
  }

  @Test
  void groupsByTopicAndKeyInOrderOfFirstAppearance() throws Exception {
    KafkaMessages planner = new KafkaMessages(config(null), CODEC);
    Resource a = sparkPod("app-a", "uid-a");
    Resource b = sparkPod("app-b", "uid-b");
    LogRecord a1 = record(a, "engine", "/a", 0, "a1");
    LogRecord b1 = record(b, "engine", "/b", 0, "b1");
    LogRecord aEvent = record(a, "event", "/ae", 0, "ae");
    LogRecord a2 = record(a, "engine", "/a", 100, "a2");
    LogRecord unknownStream = record(a, "gossip", "/a", 200, "?");

    List<KafkaMessages.Encoded> plan = planner.plan(List.of(a1, b1, aEvent, a2, unknownStream));

    assertThat(plan).extracting(KafkaMessages.Encoded::topic, m -> new String(m.key(), StandardCharsets.UTF_8))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("pipelens-engine-logs", "app-a"),
            org.assertj.core.groups.Tuple.tuple("pipelens-engine-logs", "app-b"),
            org.assertj.core.groups.Tuple.tuple("pipelens-events", "app-a"),
            org.assertj.core.groups.Tuple.tuple("pipelens-business-logs", "app-a"));
    assertThat(CODEC.decode(plan.get(0).value())).containsExactly(a1, a2);
    assertThat(plan.get(3).records()).containsExactly(unknownStream);
  }

  @Test
  void aBatchOfOneRunIsOnePartOfTheBatchsOwnListAndARunBrokenAtTheEndIsNot() throws Exception {
    KafkaMessages planner = new KafkaMessages(config(null), CODEC);
    Resource pod = sparkPod("app-a", "uid-a");
    // One file's records as the agent reads them: one resource, one attributes' stream value.
    LogRecord template = record(pod, "engine", "/a", 0, "t");
    List<LogRecord> lines = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      lines.add(template.toBuilder().body("line " + i).build());
    }
    List<LogRecord> run = List.copyOf(lines);

    List<KafkaMessages.Encoded> plan = planner.plan(run);

    assertThat(plan).hasSize(1);
    assertThat(plan.get(0).topic()).isEqualTo("pipelens-engine-logs");
    assertThat(new String(plan.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("app-a");
    assertThat(plan.get(0).records()).isSameAs(run);
    assertThat(CODEC.decode(plan.get(0).value())).isEqualTo(run);

    // The same run with a last record of another job (another resource instance): two groups.
    List<LogRecord> broken = new ArrayList<>(run);
    LogRecord last = record(sparkPod("app-b", "uid-b"), "engine", "/a", 5000, "b");
    broken.add(last);
    List<KafkaMessages.Encoded> twoParts = planner.plan(List.copyOf(broken));
    assertThat(twoParts).extracting(m -> new String(m.key(), StandardCharsets.UTF_8)).containsExactly("app-a", "app-b");
    assertThat(twoParts.get(0).records()).isEqualTo(run);
    assertThat(twoParts.get(1).records()).containsExactly(last);
  }

  @Test
  void runsOfManyFilesOfOneGroupAreOnePartOfTheBatchsOwnList() throws Exception {
    KafkaMessages planner = new KafkaMessages(config(null), CODEC);
    // Files interleaved in one batch, as a busy agent fills it: each file its own resource and
    // stream value instances, all of them one job (or none) and one stream, so one group.
    List<LogRecord> batch = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      for (int file = 0; file < 4; file++) {
        batch.add(record(sparkPod("app-a", "uid-" + file), "engine", "/f" + file, round * 100L, "r" + round));
      }
    }
    List<LogRecord> oneGroup = List.copyOf(batch);

    List<KafkaMessages.Encoded> plan = planner.plan(oneGroup);

    assertThat(plan).hasSize(1);
    assertThat(plan.get(0).records()).isSameAs(oneGroup);
    assertThat(new String(plan.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("app-a");
    // OTLP groups a value's records by resource: each pod's records in their order.
    assertThat(CODEC.decode(plan.get(0).value())).containsExactlyInAnyOrderElementsOf(oneGroup);

    // A second group halfway: the first keeps its records before and after it, in order.
    LogRecord other = record(sparkPod("app-b", "uid-b"), "engine", "/b", 0, "b");
    List<LogRecord> withOther = new ArrayList<>(oneGroup);
    withOther.add(10, other);
    List<KafkaMessages.Encoded> twoParts = planner.plan(withOther);
    assertThat(twoParts).extracting(m -> new String(m.key(), StandardCharsets.UTF_8)).containsExactly("app-a", "app-b");
    assertThat(twoParts.get(0).records()).isEqualTo(oneGroup);
    assertThat(twoParts.get(1).records()).containsExactly(other);
    assertThat(planner.plan(List.of())).isEmpty();
  }

  @Test
  void groupsRunsOfOneFilesRecordsAsRecordByRecordLookUpsWould() throws Exception {
    // plan() looks a run's topic and key up once, while the resource and the stream and Ray job
    // values are the same instances: the groups must be those of a look-up for every record,
    // with runs broken by other files, equal values in other instances and a Ray job coming and going.
    KafkaMessages planner = new KafkaMessages(config(null), CODEC);
    KafkaOutputConfig config = config(null);
    Resource[] resources = {sparkPod("app-a", "uid-a"), sparkPod("app-a", "uid-a"), sparkPod("app-b", "uid-b"),
        Resource.of(Attributes.builder().put(AttributeNames.K8S_POD_UID, "uid-c").build()), Resource.empty()};
    String[] streams = {"engine", "event", "business", "gossip"};
    java.util.Random random = new java.util.Random(5);
    for (int round = 0; round < 300; round++) {
      List<LogRecord> templates = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        LogRecord template = record(resources[random.nextInt(resources.length)], streams[random.nextInt(streams.length)],
            "/f" + t, 0, "t");
        if (random.nextBoolean()) {
          template = template.toBuilder().attributes(template.attributes().toBuilder()
              .put(AttributeNames.RAY_JOB_ID, random.nextBoolean() ? "job-1" : "job-2").build()).build();
        }
        templates.add(template);
      }
      List<LogRecord> batch = new ArrayList<>();
      int count = 1 + random.nextInt(40);
      for (int i = 0; i < count; i++) {
        LogRecord template = templates.get(random.nextInt(random.nextInt(3) == 0 ? templates.size() : 1));
        batch.add(random.nextInt(5) == 0
            ? record(template.resource(), template.attributes().getString(AttributeNames.PIPELENS_STREAM), "/x", i, "fresh")
            : template.toBuilder().body("line " + i).build());
      }
      Map<List<String>, List<LogRecord>> expected = new java.util.LinkedHashMap<>();
      for (LogRecord record : batch) {
        String topic = config.topicFor(record.attributes().getString(AttributeNames.PIPELENS_STREAM));
        expected.computeIfAbsent(java.util.Arrays.asList(topic, KafkaMessages.jobKey(record)), k -> new ArrayList<>())
            .add(record);
      }
      List<KafkaMessages.Encoded> plan = planner.plan(batch);
      assertThat(plan).extracting(m -> java.util.Arrays.asList(m.topic(),
              m.key() == null ? null : new String(m.key(), StandardCharsets.UTF_8)))
          .containsExactlyElementsOf(expected.keySet());
      assertThat(plan).extracting(KafkaMessages.Encoded::records).containsExactlyElementsOf(expected.values());
    }
  }

  @Test
  void splitsAGroupAboveTheRecordSizeLimitIntoConsecutiveParts() throws Exception {
    KafkaMessages planner = new KafkaMessages(config(DataSize.ofKibibytes(16)), CODEC);
    List<LogRecord> many = records(sparkPod("app", "uid"), "engine", "/a", 0, 500);

    List<KafkaMessages.Encoded> plan = planner.plan(many);

    assertThat(plan.size()).isGreaterThan(1);
    List<LogRecord> decoded = new ArrayList<>();
    for (KafkaMessages.Encoded part : plan) {
      assertThat(part.value().length).isLessThanOrEqualTo(16 * 1024 - 1024);
      decoded.addAll(CODEC.decode(part.value()));
    }
    assertThat(decoded).isEqualTo(many);
  }

  @Test
  void aRefusedValueSplitFromItsBytesGivesTheHalvesOfItsRecords() throws Exception {
    // A message waiting for Kafka keeps its encoded value only; when the broker refuses it as too
    // large, it is split from the records decoded from that value: the same halves, byte for byte,
    // as from the records themselves, with bodies read as bytes, Unicode and control characters.
    KafkaMessages planner = new KafkaMessages(config(null), CODEC);
    Resource pod = sparkPod("app", "uid");
    List<LogRecord> records = new ArrayList<>(records(pod, "engine", "/a", 0, 300));
    records.add(record(pod, "engine", "/a", 30_000, "é日本\t\u0001 \uD83D\uDE00"));
    records.add(records.get(0).toBuilder()
        .body(io.pipelens.core.record.AnyValue.ofUtf8("bytes as read".getBytes(StandardCharsets.UTF_8), 0, 13)).build());
    KafkaMessages.Encoded whole = planner.plan(records).get(0);
    assertThat(whole.records()).hasSize(records.size());

    List<KafkaMessages.Encoded> fromRecords = planner.halves(whole.topic(), whole.key(), whole.records());
    List<KafkaMessages.Encoded> fromValue = planner.halves(whole.topic(), whole.key(), whole.value());

    assertThat(fromValue).hasSize(fromRecords.size()).hasSizeGreaterThan(1);
    for (int i = 0; i < fromRecords.size(); i++) {
      assertThat(fromValue.get(i).topic()).isEqualTo(fromRecords.get(i).topic());
      assertThat(fromValue.get(i).key()).isEqualTo(fromRecords.get(i).key());
      assertThat(fromValue.get(i).value()).isEqualTo(fromRecords.get(i).value());
      assertThat(fromValue.get(i).records()).isEqualTo(fromRecords.get(i).records());
    }
  }

  private static KafkaOutputConfig config(DataSize maxRequestSize) {
    return new KafkaOutputConfig(
        List.of("localhost:9092"), Map.of(), null, null, null, maxRequestSize, null, null, null,
        null, null, null, null, null, null);
  }
}
