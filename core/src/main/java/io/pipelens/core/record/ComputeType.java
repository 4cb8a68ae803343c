package io.pipelens.core.record;

import java.util.Optional;

/**
 * Whether a job runs on a fixed, long-lived cluster or on serverless, per-job compute; carried in
 * {@link AttributeNames#PIPELENS_COMPUTE_TYPE}.
 */
public enum ComputeType {
  /** A long-lived cluster that many jobs share. */
  FIXED("fixed"),
  /** Compute created for one job and gone when it ends. */
  SERVERLESS("serverless");

  private final String wireName;

  ComputeType(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in attributes and configuration. */
  public String wireName() {
    return wireName;
  }

  /** The compute type with this {@link #wireName()}, matched exactly; empty for anything else. */
  public static Optional<ComputeType> fromWireName(String wireName) {
    for (ComputeType type : values()) {
      if (type.wireName.equals(wireName)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
