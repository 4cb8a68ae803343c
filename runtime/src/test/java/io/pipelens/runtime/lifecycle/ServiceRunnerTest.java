package io.pipelens.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServiceRunnerTest {

  private static final Duration DEADLINE = Duration.ofSeconds(2);
  private static final Duration GRACE = Duration.ofMillis(200);

  private final List<String> journal = new CopyOnWriteArrayList<>();
  private final FakeHooks hooks = new FakeHooks();
  private final Stopper stopper = new Stopper();

  @Test
  void aRequestedStopStopsTheServiceAndExitsZero() throws Exception {
    RecordingService service = new RecordingService("agent", journal);
    ServiceRunner runner = new ServiceRunner(service, DEADLINE, stopper, hooks, GRACE);

    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(runner::run);
    assertThat(service.started.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(exit).isNotDone();
    runner.requestStop("test");

    assertThat(exit.get(5, TimeUnit.SECONDS)).isEqualTo(ServiceRunner.EXIT_OK);
    assertThat(journal).containsExactly("start agent", "stop agent");
    assertThat(service.stopDeadlines).containsExactly(DEADLINE);
    assertThat(hooks.installed).isEmpty();
    assertThat(hooks.removed).hasSize(1);
  }

  @Test
  void aSigtermStopsTheServiceAndTheHookWaitsUntilItHasStopped() throws Exception {
    RecordingService service = new RecordingService("agent", journal).stopTakes(Duration.ofMillis(300));
    ServiceRunner runner = new ServiceRunner(service, DEADLINE, stopper, hooks, GRACE);

    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(runner::run);
    assertThat(service.started.await(5, TimeUnit.SECONDS)).isTrue();
    Thread hook = hooks.installed.get(0);
    assertThat(hook.getName()).isEqualTo("pipelens-shutdown-hook");
    hook.start(); // what the JVM does on SIGTERM

    // The hook must outlive the stop: the JVM halts as soon as every hook has returned.
    hook.join(TimeUnit.SECONDS.toMillis(5));
    assertThat(hook.isAlive()).isFalse();
    assertThat(service.stopped.getCount()).isZero();
    assertThat(exit.get(5, TimeUnit.SECONDS)).isEqualTo(ServiceRunner.EXIT_OK);
  }

  @Test
  void aFailedStartExitsOneAndStillReleasesTheService() throws Exception {
    RecordingService service = new RecordingService("agent", journal)
        .failStartWith(new IOException("cannot bind 0.0.0.0:9400"));

    int exit = new ServiceRunner(service, DEADLINE, stopper, hooks, GRACE).run();

    assertThat(exit).isEqualTo(ServiceRunner.EXIT_FAILURE);
    assertThat(journal).containsExactly("start agent", "stop agent");
    assertThat(hooks.installed).isEmpty();
  }

  @Test
  void aFailedStopExitsOne() throws Exception {
    RecordingService service = new RecordingService("agent", journal)
        .failStopWith(new IllegalStateException("checkpoint write failed"));
    stopper.requestStop("test");

    int exit = new ServiceRunner(service, DEADLINE, stopper, hooks, GRACE).run();

    assertThat(exit).isEqualTo(ServiceRunner.EXIT_FAILURE);
    assertThat(journal).containsExactly("start agent", "stop agent");
  }

  @Test
  void aFatalFailureReportedByTheServiceStopsItAndExitsOne() throws Exception {
    RecordingService service = new RecordingService("agent", journal);
    ServiceRunner runner = new ServiceRunner(service, DEADLINE, stopper, hooks, GRACE);

    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(runner::run);
    assertThat(service.started.await(5, TimeUnit.SECONDS)).isTrue();
    stopper.fail(new IOException("checkpoint directory is read-only"));

    assertThat(exit.get(5, TimeUnit.SECONDS)).isEqualTo(ServiceRunner.EXIT_FAILURE);
    assertThat(journal).containsExactly("start agent", "stop agent");
    assertThat(stopper.isStopRequested()).isTrue();
  }

  @Test
  void aStopThatOverrunsTheDeadlinePlusGraceIsAbandonedWithExitOne() throws Exception {
    RecordingService service = new RecordingService("agent", journal).stopTakes(Duration.ofSeconds(30));
    stopper.requestStop("test");
    long begin = System.nanoTime();

    int exit = new ServiceRunner(service, Duration.ofMillis(100), stopper, hooks, GRACE).run();

    assertThat(exit).isEqualTo(ServiceRunner.EXIT_FAILURE);
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aStopRequestedDuringStartIsHonouredRightAfterIt() throws Exception {
    stopper.requestStop("SIGTERM while starting");
    RecordingService service = new RecordingService("agent", journal);

    int exit = new ServiceRunner(service, DEADLINE, stopper, hooks, GRACE).run();

    assertThat(exit).isEqualTo(ServiceRunner.EXIT_OK);
    assertThat(journal).containsExactly("start agent", "stop agent");
  }

  @Test
  void aRunnerRunsOnceAndRejectsNegativeDeadlines() {
    stopper.requestStop("test");
    ServiceRunner runner = new ServiceRunner(new RecordingService("a", journal), DEADLINE, stopper, hooks, GRACE);
    runner.run();

    assertThatThrownBy(runner::run)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a ServiceRunner runs once");
    assertThatThrownBy(() -> ServiceRunner.runUntilStopped(new RecordingService("a", journal), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shutdownDeadline must not be negative, got PT-1S");
  }

  @Test
  void laterStopRequestsAndFailuresDoNotReplaceTheFirst() throws Exception {
    stopper.requestStop("first");
    stopper.fail(new IllegalStateException("late"));
    stopper.requestStop("second");

    assertThat(stopper.await()).isEqualTo(new Stopper.StopRequest("first", null));
  }

  /** Records hooks instead of registering them with the JVM. */
  private static final class FakeHooks implements ShutdownHooks {
    final List<Thread> installed = new CopyOnWriteArrayList<>();
    final List<Thread> removed = new CopyOnWriteArrayList<>();

    @Override
    public void add(Thread hook) {
      installed.add(hook);
    }

    @Override
    public void remove(Thread hook) {
      removed.add(hook);
      installed.remove(hook);
    }
  }
}
