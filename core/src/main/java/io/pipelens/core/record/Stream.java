package io.pipelens.core.record;

import java.util.Optional;

/**
 * Which of the three pipelens streams a record belongs to; carried in {@link
 * AttributeNames#PIPELENS_STREAM}. Each stream is indexed and retained separately.
 */
public enum Stream {
  /** Job lifecycle events: submitted, started, stage finished, failed. */
  EVENT("event"),
  /** What the compute engine (Spark, Ray) itself logs. */
  ENGINE("engine"),
  /** What the user's job code logs. */
  BUSINESS("business");

  private final String wireName;

  Stream(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in attributes, configuration and index names. */
  public String wireName() {
    return wireName;
  }

  /** The stream with this {@link #wireName()}, matched exactly; empty for anything else. */
  public static Optional<Stream> fromWireName(String wireName) {
    for (Stream stream : values()) {
      if (stream.wireName.equals(wireName)) {
        return Optional.of(stream);
      }
    }
    return Optional.empty();
  }
}
