package io.pipelens.core.record;

import java.time.Instant;
import java.util.Objects;

/**
 * One log record in the OpenTelemetry log data model: what the agent reads, Kafka carries, the
 * collector indexes and the history server shows. Immutable; build one with {@link #builder()}.
 *
 * <p>Every field has a value: "unknown" is 0 for times, {@link Severity#UNSPECIFIED}, the empty
 * string, {@link AnyValue#empty()}, empty attributes, {@link Resource#empty()}, {@link
 * TraceId#INVALID} and {@link SpanId#INVALID}, as OTLP itself has it. Two records are equal when
 * every field is, which makes whole-record comparisons in tests and de-duplication meaningful.
 */
public final class LogRecord {

  private final long timestampNanos;
  private final long observedTimestampNanos;
  private final Severity severity;
  private final String severityText;
  private final AnyValue body;
  private final Attributes attributes;
  private final Resource resource;
  private final String scopeName;
  private final TraceId traceId;
  private final SpanId spanId;
  private final int flags;

  private LogRecord(Builder builder) {
    this.timestampNanos = builder.timestampNanos;
    this.observedTimestampNanos = builder.observedTimestampNanos;
    this.severity = builder.severity;
    this.severityText = builder.severityText;
    this.body = builder.body;
    this.attributes = builder.attributes;
    this.resource = builder.resource;
    this.scopeName = builder.scopeName;
    this.traceId = builder.traceId;
    this.spanId = builder.spanId;
    this.flags = builder.flags;
  }

  /** A builder with every field unknown. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this record's fields. */
  public Builder toBuilder() {
    return new Builder()
        .timestampNanos(timestampNanos)
        .observedTimestampNanos(observedTimestampNanos)
        .severity(severity)
        .severityText(severityText)
        .body(body)
        .attributes(attributes)
        .resource(resource)
        .scopeName(scopeName)
        .traceId(traceId)
        .spanId(spanId)
        .flags(flags);
  }

  /** When the event happened, in nanoseconds since the Unix epoch; 0 if unknown. */
  public long timestampNanos() {
    return timestampNanos;
  }

  /**
   * When the record was collected (read by the agent), in nanoseconds since the Unix epoch; 0 if
   * unknown.
   */
  public long observedTimestampNanos() {
    return observedTimestampNanos;
  }

  /** The normalized severity; {@link Severity#UNSPECIFIED} if unknown. */
  public Severity severity() {
    return severity;
  }

  /** The level as the source wrote it, such as {@code "warning"}; empty if unknown. */
  public String severityText() {
    return severityText;
  }

  /** The body, most often a {@link AnyValue.StringValue}; {@link AnyValue#empty()} if none. */
  public AnyValue body() {
    return body;
  }

  /** The record's own attributes; see {@link AttributeNames}. */
  public Attributes attributes() {
    return attributes;
  }

  /** The source of the record; see {@link AttributeNames} for its attributes. */
  public Resource resource() {
    return resource;
  }

  /** The name of the instrumentation scope (logger) that emitted the record; empty if unknown. */
  public String scopeName() {
    return scopeName;
  }

  /** The trace the record belongs to; {@link TraceId#INVALID} if none. */
  public TraceId traceId() {
    return traceId;
  }

  /** The span the record belongs to; {@link SpanId#INVALID} if none. */
  public SpanId spanId() {
    return spanId;
  }

  /** The OTLP record flags; the low 8 bits are the W3C trace flags (1 = sampled). */
  public int flags() {
    return flags;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof LogRecord that
        && timestampNanos == that.timestampNanos
        && observedTimestampNanos == that.observedTimestampNanos
        && flags == that.flags
        && severity == that.severity
        && severityText.equals(that.severityText)
        && body.equals(that.body)
        && attributes.equals(that.attributes)
        && resource.equals(that.resource)
        && scopeName.equals(that.scopeName)
        && traceId.equals(that.traceId)
        && spanId.equals(that.spanId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        timestampNanos,
        observedTimestampNanos,
        severity,
        severityText,
        body,
        attributes,
        resource,
        scopeName,
        traceId,
        spanId,
        flags);
  }

  @Override
  public String toString() {
    return "LogRecord{timestampNanos="
        + timestampNanos
        + ", observedTimestampNanos="
        + observedTimestampNanos
        + ", severity="
        + severity
        + ", severityText="
        + severityText
        + ", body="
        + body
        + ", attributes="
        + attributes
        + ", resource="
        + resource.attributes()
        + ", scopeName="
        + scopeName
        + ", traceId="
        + traceId.toHex()
        + ", spanId="
        + spanId.toHex()
        + ", flags="
        + flags
        + '}';
  }

  /** Builds a {@link LogRecord}; every field starts unknown. Not thread-safe. */
  public static final class Builder {
    private long timestampNanos;
    private long observedTimestampNanos;
    private Severity severity = Severity.UNSPECIFIED;
    private String severityText = "";
    private AnyValue body = AnyValue.empty();
    private Attributes attributes = Attributes.empty();
    private Resource resource = Resource.empty();
    private String scopeName = "";
    private TraceId traceId = TraceId.INVALID;
    private SpanId spanId = SpanId.INVALID;
    private int flags;

    private Builder() {}

    /** Sets when the event happened, in nanoseconds since the Unix epoch. */
    public Builder timestampNanos(long epochNanos) {
      this.timestampNanos = epochNanos;
      return this;
    }

    /** Sets when the event happened. */
    public Builder timestamp(Instant timestamp) {
      return timestampNanos(toEpochNanos(timestamp));
    }

    /** Sets when the record was collected, in nanoseconds since the Unix epoch. */
    public Builder observedTimestampNanos(long epochNanos) {
      this.observedTimestampNanos = epochNanos;
      return this;
    }

    /** Sets when the record was collected. */
    public Builder observedTimestamp(Instant timestamp) {
      return observedTimestampNanos(toEpochNanos(timestamp));
    }

    /** Sets the normalized severity. */
    public Builder severity(Severity severity) {
      this.severity = Objects.requireNonNull(severity, "severity");
      return this;
    }

    /** Sets the level as the source wrote it. */
    public Builder severityText(String severityText) {
      this.severityText = Objects.requireNonNull(severityText, "severityText");
      return this;
    }

    /** Sets the body. */
    public Builder body(AnyValue body) {
      this.body = Objects.requireNonNull(body, "body");
      return this;
    }

    /** Sets a string body. */
    public Builder body(String body) {
      return body(AnyValue.of(Objects.requireNonNull(body, "body")));
    }

    /** Sets the record's attributes. */
    public Builder attributes(Attributes attributes) {
      this.attributes = Objects.requireNonNull(attributes, "attributes");
      return this;
    }

    /** Sets the source of the record. */
    public Builder resource(Resource resource) {
      this.resource = Objects.requireNonNull(resource, "resource");
      return this;
    }

    /** Sets the instrumentation scope (logger) name. */
    public Builder scopeName(String scopeName) {
      this.scopeName = Objects.requireNonNull(scopeName, "scopeName");
      return this;
    }

    /** Sets the trace id. */
    public Builder traceId(TraceId traceId) {
      this.traceId = Objects.requireNonNull(traceId, "traceId");
      return this;
    }

    /** Sets the span id. */
    public Builder spanId(SpanId spanId) {
      this.spanId = Objects.requireNonNull(spanId, "spanId");
      return this;
    }

    /** Sets the OTLP record flags. */
    public Builder flags(int flags) {
      this.flags = flags;
      return this;
    }

    /** The record; the builder can go on being used. */
    public LogRecord build() {
      return new LogRecord(this);
    }

    private static long toEpochNanos(Instant instant) {
      return Math.addExact(
          Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
  }
}
