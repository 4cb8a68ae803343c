package io.pipelens.history.ui.page;

import io.pipelens.history.listing.ApplicationSummary;
import io.pipelens.history.listing.AttemptState;
import io.pipelens.history.listing.AttemptSummary;
import io.pipelens.history.replay.JobRecord;
import io.pipelens.history.store.AppStore;
import io.pipelens.history.store.AppStoreCache;
import java.util.Optional;

/**
 * An application's status and health for the list, from its newest attempt: {@code running}
 * while it has not completed and its log still grows; {@code abandoned} when its log stopped
 * growing without an end event (the REST API's {@code abandoned_after}); {@code failed} when it completed with a non-zero exit code or a
 * failed job; {@code completed} otherwise. Failed tasks come from the listing when it read the
 * whole log, else from a replay already in memory, else they are unknown (-1).
 */
record AppStatus(String status, long failedTasks) {

  static final String RUNNING = "running";
  static final String COMPLETED = "completed";
  static final String FAILED = "failed";
  static final String ABANDONED = "abandoned";

  static AppStatus of(ApplicationSummary app, AppStoreCache replays, AttemptState state) {
    AttemptSummary attempt = app.latestAttempt();
    long failedTasks = attempt.health().failedTasks();
    boolean failedJobs = attempt.health().failed();
    if (!attempt.health().countsKnown() && replays != null) {
      Optional<AppStore> loaded = replays.ifLoaded(attempt.logKey());
      if (loaded.isPresent()) {
        long tasks = 0;
        for (JobRecord job : loaded.get().state().jobs()) {
          tasks += job.failedTasks();
          failedJobs |= job.status() == JobRecord.Status.FAILED;
        }
        failedTasks = tasks;
      }
    }
    String status = state == AttemptState.ABANDONED ? ABANDONED
        : state == AttemptState.RUNNING ? RUNNING
        : failedJobs ? FAILED : COMPLETED;
    return new AppStatus(status, failedTasks);
  }

  /** The badge: failed, running, recovered (completed, some tasks failed), healthy, completed. */
  String health() {
    return switch (status) {
      case FAILED -> "Failed";
      case RUNNING -> "Running";
      case ABANDONED -> "Abandoned";
      default -> failedTasks > 0 ? "Recovered" : failedTasks == 0 ? "Healthy" : "Completed";
    };
  }
}
