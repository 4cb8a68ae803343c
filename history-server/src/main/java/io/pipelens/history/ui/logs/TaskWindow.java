package io.pipelens.history.ui.logs;

import io.pipelens.history.replay.StageAttempt;
import io.pipelens.history.replay.TaskRecord;
import io.pipelens.history.store.AppStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a task's log lines are: on its executor, from its launch to its end, widened by {@link
 * #MARGIN} on both sides because the executor logs a failure just after the driver's clock marks
 * the end, and clocks of pods differ by a little. Lines naming the task's error are the ones to
 * look at: {@link #matches} tells them.
 *
 * @param errorClass the exception class of the task's error ({@code java.lang.RuntimeException}),
 *     or null
 * @param errorMessage the rest of the error's first line ({@code got a 3, failing}), or null
 */
public record TaskWindow(
    TaskRecord task, StageAttempt stage, Instant from, Instant to, String errorClass, String errorMessage) {

  public static final Duration MARGIN = Duration.ofSeconds(5);

  /** The task with this id in any stage of the replay. */
  public static Optional<TaskWindow> find(AppStore store, long taskId) {
    for (StageAttempt stage : store.state().stages()) {
      for (TaskRecord task : stage.tasks()) {
        if (task.taskId() == taskId) {
          return Optional.of(of(stage, task));
        }
      }
    }
    return Optional.empty();
  }

  static TaskWindow of(StageAttempt stage, TaskRecord task) {
    Instant from = Instant.ofEpochMilli(task.launchTime()).minus(MARGIN);
    Instant to = task.finishTime() > 0 ? Instant.ofEpochMilli(task.finishTime()).plus(MARGIN) : null;
    String errorClass = null;
    String errorMessage = null;
    String error = task.errorMessage();
    if (error != null && !error.isBlank()) {
      String first = error.lines().findFirst().orElse("").trim();
      int colon = first.indexOf(": ");
      String head = colon < 0 ? first : first.substring(0, colon);
      if (head.matches("[\\w$.]+") && head.contains(".")) {
        errorClass = head;
        errorMessage = colon < 0 ? null : first.substring(colon + 2).trim();
      } else {
        errorMessage = first;
      }
    }
    return new TaskWindow(task, stage, from, to, errorClass, errorMessage);
  }

  /** Whether a log line names this task's error: its exception class or its message. */
  public boolean matches(String line) {
    if (line == null) {
      return false;
    }
    String lower = line.toLowerCase(Locale.ROOT);
    return (errorClass != null && line.contains(errorClass))
        || (errorMessage != null && errorMessage.length() >= 4
            && lower.contains(errorMessage.toLowerCase(Locale.ROOT)));
  }
}
