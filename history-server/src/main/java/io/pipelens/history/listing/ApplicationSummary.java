package io.pipelens.history.listing;

import java.util.List;
import java.util.Objects;

/**
 * One application with all its attempts, newest start first, as Spark groups them.
 *
 * @param id the application id
 * @param name the name in the newest attempt's log; null when it has none
 * @param attempts at least one attempt, by start time descending
 */
public record ApplicationSummary(String id, String name, List<AttemptSummary> attempts) {

  /** Copies the attempts and checks there is one. */
  public ApplicationSummary {
    Objects.requireNonNull(id, "id");
    attempts = List.copyOf(attempts);
    if (attempts.isEmpty()) {
      throw new IllegalArgumentException("application without attempts: " + id);
    }
  }

  /** The newest attempt, which decides the application's status and place in the listing. */
  public AttemptSummary latestAttempt() {
    return attempts.get(0);
  }

  /** Whether the application counts as running: its newest attempt has not completed. */
  public boolean running() {
    return !latestAttempt().completed();
  }
}
