package io.pipelens.collector.normalize;

import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.ComputeType;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Stream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes records from every source one shape before they are indexed:
 *
 * <ul>
 *   <li>{@code pipelens.compute.type} (resource): the source's default, {@code fixed} for Kafka
 *       (DaemonSet agents) and {@code serverless} for OTLP, unless the record already has one;
 *   <li>{@code pipelens.team} (resource): the team of the OTLP token, replacing whatever the
 *       client claimed, since the token is what was authenticated;
 *   <li>{@code pipelens.stream} (record): {@code business} when missing or not one of the three
 *       streams, since records that no agent classified come from the job's own code (SDKs).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class RecordNormalizer {

  private static final AnyValue BUSINESS = encoded(Stream.BUSINESS.wireName());

  private final String team; // null: keep the record's own
  // The values stamped on records, made once and already encoded: every record of a batch shares
  // them, so the JSON writer does not encode the same short string for each resource again.
  private final AnyValue computeTypeValue;
  private final AnyValue teamValue;

  private RecordNormalizer(ComputeType defaultComputeType, String team) {
    this.team = team;
    this.computeTypeValue = encoded(defaultComputeType.wireName());
    this.teamValue = team == null ? null : encoded(team);
  }

  private static AnyValue encoded(String text) {
    AnyValue.StringValue value = (AnyValue.StringValue) AnyValue.of(text);
    value.utf8();
    return value;
  }

  /** For batches DaemonSet agents (or an OpenTelemetry Collector) wrote to Kafka. */
  public static RecordNormalizer forKafka() {
    return new RecordNormalizer(ComputeType.FIXED, null);
  }

  /** For batches an OTLP client sent with a token of {@code team}. */
  public static RecordNormalizer forOtlp(String team) {
    return new RecordNormalizer(ComputeType.SERVERLESS, Objects.requireNonNull(team, "team"));
  }

  /** The records, normalized, in the same order; records of one resource keep sharing one. */
  public List<LogRecord> normalize(List<LogRecord> records) {
    Map<Resource, Resource> resources = new IdentityHashMap<>();
    List<LogRecord> normalized = new ArrayList<>(records.size());
    for (LogRecord record : records) {
      normalized.add(normalize(record, resources.computeIfAbsent(record.resource(), this::resource)));
    }
    return normalized;
  }

  /** One record, normalized. */
  public LogRecord normalize(LogRecord record) {
    return normalize(record, resource(record.resource()));
  }

  private LogRecord normalize(LogRecord record, Resource resource) {
    Attributes attributes = record.attributes();
    String stream = attributes.getString(AttributeNames.PIPELENS_STREAM);
    if (stream == null || Stream.fromWireName(stream).isEmpty()) {
      attributes = attributes.toBuilder()
          .put(AttributeNames.PIPELENS_STREAM, BUSINESS)
          .build();
    }
    if (resource == record.resource() && attributes == record.attributes()) {
      return record;
    }
    return record.toBuilder().resource(resource).attributes(attributes).build();
  }

  private Resource resource(Resource resource) {
    Attributes attributes = resource.attributes();
    boolean needsComputeType = attributes.getString(AttributeNames.PIPELENS_COMPUTE_TYPE) == null;
    boolean needsTeam = team != null && !team.equals(attributes.getString(AttributeNames.PIPELENS_TEAM));
    if (!needsComputeType && !needsTeam) {
      return resource;
    }
    Attributes.Builder builder = attributes.toBuilder();
    if (needsComputeType) {
      builder.put(AttributeNames.PIPELENS_COMPUTE_TYPE, computeTypeValue);
    }
    if (needsTeam) {
      builder.put(AttributeNames.PIPELENS_TEAM, teamValue);
    }
    return Resource.of(builder.build());
  }
}
