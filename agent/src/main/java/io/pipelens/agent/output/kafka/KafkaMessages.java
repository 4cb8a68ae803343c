package io.pipelens.agent.output.kafka;

import io.pipelens.agent.output.internal.Chunks;
import io.pipelens.core.codec.CodecException;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a batch into Kafka records: one per (topic, key), in order of first appearance, each the
 * OTLP encoding of its records in batch order, split in halves until each fits the record size
 * limit.
 *
 * <p>The topic comes from the record's {@code pipelens.stream}. The key is the job: the Spark
 * application id (resource {@code spark.app.id}), else the Ray job id (record {@code ray.job.id}),
 * else the pod UID (resource {@code k8s.pod.uid}), else none. The default partitioner hashes the
 * key, so all of one job's records land in one partition, in the order the agent read them.
 */
final class KafkaMessages {

  /** A group of records on its way to one topic with one key, encoded. */
  record Encoded(String topic, byte[] key, List<LogRecord> records, byte[] value) {}

  // Kafka checks the whole record against max.request.size: value, key, headers and the record
  // batch framing (61 bytes) plus per-record varints. A kibibyte covers the framing and headers.
  private static final int FRAMING_ALLOWANCE = 1024;

  private final KafkaOutputConfig config;
  private final OtlpLogsCodec codec;

  KafkaMessages(KafkaOutputConfig config, OtlpLogsCodec codec) {
    this.config = config;
    this.codec = codec;
  }

  /** The Kafka records of {@code records}, in send order. */
  List<Encoded> plan(List<LogRecord> records) {
    // A file's records come in runs and share their resource and their stream and Ray job values,
    // the same instances: what decides the group is then looked up once a run, not per record.
    Resource runResource = null;
    AnyValue runStream = null;
    AnyValue runRayJob = null;
    GroupKey first = null;
    // Made only when a second group appears: a batch of one group (one job's files, or files
    // without a job) is encoded from the batch's own list, not from a copy grown record by record.
    Map<GroupKey, List<LogRecord>> groups = null;
    List<LogRecord> runGroup = null;
    for (int i = 0, n = records.size(); i < n; i++) {
      LogRecord record = records.get(i);
      AnyValue stream = record.attributes().get(AttributeNames.PIPELENS_STREAM);
      AnyValue rayJob = record.attributes().get(AttributeNames.RAY_JOB_ID);
      if (first == null || record.resource() != runResource || stream != runStream || rayJob != runRayJob) {
        GroupKey group = new GroupKey(
            config.topicFor(record.attributes().getString(AttributeNames.PIPELENS_STREAM)), jobKey(record));
        if (first == null) {
          first = group;
        } else if (groups != null || !group.equals(first)) {
          if (groups == null) {
            groups = new LinkedHashMap<>();
            groups.put(first, new ArrayList<>(records.subList(0, i)));
          }
          runGroup = groups.computeIfAbsent(group, k -> new ArrayList<>());
        }
        runResource = record.resource();
        runStream = stream;
        runRayJob = rayJob;
      }
      if (groups != null) {
        runGroup.add(record);
      }
    }
    if (groups == null) {
      return first == null ? new ArrayList<>() : encodeGroup(first.topic, first.key, records);
    }
    List<Encoded> encoded = new ArrayList<>(groups.size());
    groups.forEach((group, members) -> encoded.addAll(encodeGroup(group.topic, group.key, members)));
    return encoded;
  }

  /** One group's records, keyed by {@code jobKey} (or unkeyed), in as many values as they need. */
  private List<Encoded> encodeGroup(String topic, String jobKey, List<LogRecord> members) {
    byte[] key = jobKey == null ? null : jobKey.getBytes(StandardCharsets.UTF_8);
    // A single record is sent whatever its size; if the producer refuses it, it is counted
    // rejected.
    return encoded(topic, key, Chunks.encode(codec, members, maxValueBytes(key)));
  }

  /**
   * {@code records} (at least two) in two or more values, for a value the broker refused as too
   * large although it was within the configured limit (its {@code message.max.bytes} is lower).
   */
  List<Encoded> halves(String topic, byte[] key, List<LogRecord> records) {
    return encoded(topic, key, Chunks.halves(codec, records, maxValueBytes(key)));
  }

  /** Like {@link #halves(String, byte[], List)}, for the records encoded in {@code value}. */
  List<Encoded> halves(String topic, byte[] key, byte[] value) {
    List<LogRecord> records;
    try {
      records = codec.decode(value);
    } catch (CodecException e) {
      throw new IllegalStateException("a value this output encoded does not decode", e);
    }
    return halves(topic, key, records);
  }

  private static List<Encoded> encoded(String topic, byte[] key, List<Chunks.Chunk> chunks) {
    List<Encoded> out = new ArrayList<>(chunks.size());
    for (Chunks.Chunk chunk : chunks) {
      out.add(new Encoded(topic, key, chunk.records(), chunk.encoded()));
    }
    return out;
  }

  private int maxValueBytes(byte[] key) {
    return (int) config.maxRequestSize().bytes() - FRAMING_ALLOWANCE - (key == null ? 0 : key.length);
  }

  /** The key that keeps one job's records in one partition; null when the record names no job. */
  static String jobKey(LogRecord record) {
    String appId = record.resource().getString(AttributeNames.SPARK_APP_ID);
    if (appId != null && !appId.isEmpty()) {
      return appId;
    }
    String rayJob = record.attributes().getString(AttributeNames.RAY_JOB_ID);
    if (rayJob != null && !rayJob.isEmpty()) {
      return rayJob;
    }
    String podUid = record.resource().getString(AttributeNames.K8S_POD_UID);
    return podUid != null && !podUid.isEmpty() ? podUid : null;
  }

  private record GroupKey(String topic, String key) {}
}
