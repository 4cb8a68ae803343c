package io.pipelens.runtime.lifecycle;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a {@link ServiceRunner} to stop its service: either a normal stop request, or a fatal
 * failure that a service cannot recover from (a checkpoint directory that became unwritable, a
 * worker thread that died). Create one, hand it to the services that may need it, then pass it to
 * {@link ServiceRunner#runUntilStopped(Service, java.time.Duration, Stopper)}.
 *
 * <p>The first request wins; later ones are logged and otherwise ignored. Thread-safe.
 */
public final class Stopper {

  private static final Logger log = LoggerFactory.getLogger(Stopper.class);

  private final CompletableFuture<StopRequest> request = new CompletableFuture<>();

  /** Asks the runner to stop the service cleanly; the process then exits with 0 if the stop succeeds. */
  public void requestStop(String reason) {
    Objects.requireNonNull(reason, "reason");
    if (!request.complete(new StopRequest(reason, null))) {
      log.debug("stop requested ({}) while already stopping", reason);
    }
  }

  /**
   * Reports a fatal failure: the runner stops the service and the process exits with 1. Call it
   * from the thread that found the failure; it returns at once.
   */
  public void fail(Throwable cause) {
    Objects.requireNonNull(cause, "cause");
    if (!request.complete(new StopRequest("fatal failure: " + cause, cause))) {
      // Not dropped silently: a failure while stopping usually explains a failed stop.
      log.warn("fatal failure reported while already stopping", cause);
    }
  }

  /** Whether a stop was requested or a failure reported. */
  public boolean isStopRequested() {
    return request.isDone();
  }

  /** Blocks until a stop is requested or a failure reported. */
  StopRequest await() throws InterruptedException {
    try {
      return request.get();
    } catch (ExecutionException e) {
      throw new AssertionError("the request future is never completed exceptionally", e);
    }
  }

  /** Why the runner stops: {@code failure} is null for a normal stop request. */
  record StopRequest(String reason, Throwable failure) {}
}
