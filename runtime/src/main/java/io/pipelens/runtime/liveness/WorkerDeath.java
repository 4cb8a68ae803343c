package io.pipelens.runtime.liveness;

import java.time.Instant;
import java.util.Objects;

/**
 * Why and when a worker loop stopped for good: the first cause it reported.
 *
 * @param worker the worker's stable name, such as {@code agent.output.kafka.main}
 * @param error the class name of the throwable that ended it
 * @param message the throwable's message; empty when it had none
 * @param at when it was reported
 */
public record WorkerDeath(String worker, String error, String message, Instant at) {

  public WorkerDeath {
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
  }

  /** Longest message kept; a probe's body must stay small whatever an exception says. */
  static final int MAX_MESSAGE = 500;

  static WorkerDeath of(String worker, Throwable cause, Instant at) {
    String message = cause.getMessage();
    if (message == null) {
      message = "";
    } else if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "...";
    }
    return new WorkerDeath(worker, cause.getClass().getName(), message, at);
  }

  /** {@code error: message}, or just the error when there is no message; for one-line reasons. */
  public String summary() {
    return message.isEmpty() ? error : error + ": " + message;
  }
}
