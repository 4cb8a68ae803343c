package io.pipelens.testsupport;

import java.util.Locale;

/** Where the test servers run, as configured by the user. */
enum Backend {
  /** Testcontainers when a Docker engine answers, else {@link #LOCAL}. */
  AUTO,
  /** Child processes and in-process servers on this machine; needs no Docker. */
  LOCAL,
  /** Testcontainers; fails when no Docker engine answers. */
  DOCKER;

  static final String PROPERTY = "pipelens.test.servers";
  static final String ENVIRONMENT_VARIABLE = "PIPELENS_TEST_SERVERS";

  /** The backend the system property asks for, else the environment variable, else {@link #AUTO}. */
  static Backend configured() {
    return parse(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT_VARIABLE));
  }

  static Backend parse(String propertyValue, String environmentValue) {
    if (propertyValue != null && !propertyValue.isBlank()) {
      return parseValue(propertyValue, "system property " + PROPERTY);
    }
    if (environmentValue != null && !environmentValue.isBlank()) {
      return parseValue(environmentValue, "environment variable " + ENVIRONMENT_VARIABLE);
    }
    return AUTO;
  }

  private static Backend parseValue(String value, String source) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          source + " is '" + value + "'; expected one of: auto, local, docker", e);
    }
  }
}
