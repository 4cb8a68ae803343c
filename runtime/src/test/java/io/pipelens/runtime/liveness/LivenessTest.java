package io.pipelens.runtime.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LivenessTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Liveness liveness = new Liveness("agent", registry);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(Liveness.class);

  @BeforeEach
  void captureLog() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(logged);
  }

  @Test
  void aCauseChainThatLoopsIsNotTakenForAShutdownAndDoesNotHang() {
    RuntimeException first = new RuntimeException("first");
    IllegalStateException second = new IllegalStateException("second");
    first.initCause(second);
    second.initCause(first);

    assertThat(Liveness.isShutdown(first)).isFalse();
    assertThat(Liveness.isShutdown(new RuntimeException(new InterruptedException()))).isTrue();
  }

  @Test
  void aWatchedLoopThatEndsByAnErrorIsDeadWithItsCauseCountedAndLoggedOnce() throws Exception {
    Thread thread = new Thread(liveness.watch("agent.output.kafka.main", () -> {
      throw new StackOverflowError("deep");
    }));
    thread.start();
    thread.join();

    assertThat(liveness.allAlive()).isFalse();
    WorkerDeath death = liveness.deadWorkers().get("agent.output.kafka.main");
    assertThat(death.error()).isEqualTo("java.lang.StackOverflowError");
    assertThat(death.message()).isEqualTo("deep");
    assertThat(death.summary()).isEqualTo("java.lang.StackOverflowError: deep");
    assertThat(failures("agent.output.kafka.main").count()).isEqualTo(1.0);
    assertThat(logged.list).singleElement().satisfies(event -> {
      assertThat(event.getLevel()).isEqualTo(Level.ERROR);
      assertThat(event.getFormattedMessage()).contains("agent.output.kafka.main");
      assertThat(event.getThrowableProxy().getClassName()).isEqualTo("java.lang.StackOverflowError");
    });
  }

  @Test
  void aWatchedWorkerHasItsCounterAtZeroBeforeItDies() {
    liveness.watch("agent.tailer", () -> { });

    assertThat(failures("agent.tailer").count()).isZero();
    assertThat(liveness.allAlive()).isTrue();
  }

  @Test
  void aLoopThatReturnsOrIsInterruptedIsNotDead() throws Exception {
    liveness.watch("returns", () -> { }).run();
    liveness.watch("interrupted", () -> {
      throw new IllegalStateException("stopped", new InterruptedException());
    }).run();
    Thread interruptedThread = new Thread(liveness.watch("while-interrupted", () -> {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("closed under it");
    }));
    interruptedThread.start();
    interruptedThread.join();

    assertThat(liveness.deadWorkers()).isEmpty();
    assertThat(failures("interrupted").count()).isZero();
    assertThat(logged.list).isEmpty();
  }

  @Test
  void aTimeoutIsNotAnInterruption() {
    liveness.watch("times-out", () -> {
      throw new UncheckedIOException(new java.net.SocketTimeoutException("read timed out"));
    }).run();

    assertThat(liveness.deadWorkers()).containsOnlyKeys("times-out");
  }

  @Test
  void theFirstCauseIsKeptAndEveryDeathCounts() {
    liveness.workerDied("collector.sink.elasticsearch.bulk", new OutOfMemoryError("Java heap space"));
    liveness.workerDied("collector.sink.elasticsearch.bulk", new IllegalStateException("later"));

    assertThat(liveness.deadWorkers().get("collector.sink.elasticsearch.bulk").summary())
        .isEqualTo("java.lang.OutOfMemoryError: Java heap space");
    assertThat(failures("collector.sink.elasticsearch.bulk").count()).isEqualTo(2.0);
  }

  @Test
  void aPeriodicTaskThatThrowsIsDeadAndStopsBeingScheduled() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      AtomicInteger runs = new AtomicInteger();
      ScheduledFuture<?> future = scheduler.scheduleWithFixedDelay(liveness.watchTask("agent.checkpoint", () -> {
        runs.incrementAndGet();
        throw new IllegalArgumentException("bad entry");
      }), 0, 1, TimeUnit.MILLISECONDS);

      assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(IllegalArgumentException.class);
      assertThat(runs.get()).isEqualTo(1);
      assertThat(liveness.deadWorkers().get("agent.checkpoint").summary())
          .isEqualTo("java.lang.IllegalArgumentException: bad entry");
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void aPoolTaskThatThrowsReportsItsWorkerAndThePoolGoesOn() throws Exception {
    java.util.concurrent.ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Executor watched = liveness.watchTasks("collector.sink.elasticsearch.bulk", pool);
      assertThat(failures("collector.sink.elasticsearch.bulk").count()).isZero();
      watched.execute(() -> {
        throw new OutOfMemoryError("bulk body");
      });
      java.util.concurrent.CompletableFuture<String> after = new java.util.concurrent.CompletableFuture<>();
      watched.execute(() -> after.complete("ran"));

      assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo("ran");
      assertThat(liveness.deadWorkers().get("collector.sink.elasticsearch.bulk").error())
          .isEqualTo("java.lang.OutOfMemoryError");
      assertThat(failures("collector.sink.elasticsearch.bulk").count()).isEqualTo(1.0);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void forgetAllForgetsOnlyTheWorkersOfItsView() {
    Liveness collection = liveness.scoped();
    collection.watch("agent.output.kafka.main", () -> {
      throw new IllegalStateException("producer fenced");
    }).run();
    liveness.workerDied("agent.checkpoint", new UncheckedIOException(new IOException("disk full")));
    assertThat(liveness.deadWorkers()).containsOnlyKeys("agent.output.kafka.main", "agent.checkpoint");

    collection.forgetAll();

    assertThat(liveness.deadWorkers()).containsOnlyKeys("agent.checkpoint");
    assertThat(failures("agent.output.kafka.main").count()).isEqualTo(1.0);
  }

  @Test
  void aThreadOfAReplacedGroupThatDiesLaterIsCountedButFailsNothing() {
    Liveness old = liveness.scoped();
    old.watching("agent.output.kafka.main");
    old.forgetAll();
    Liveness replacement = liveness.scoped();
    replacement.watching("agent.output.kafka.main");

    old.workerDied("agent.output.kafka.main", new IllegalStateException("outlived its stop"));

    assertThat(liveness.allAlive()).isTrue();
    assertThat(failures("agent.output.kafka.main").count()).isEqualTo(1.0);
    replacement.workerDied("agent.output.kafka.main", new IllegalStateException("the new one"));
    assertThat(liveness.deadWorkers().get("agent.output.kafka.main").message()).isEqualTo("the new one");
  }

  @Test
  void aLongMessageIsCut() {
    liveness.workerDied("w", new IllegalStateException("x".repeat(10_000)));

    assertThat(liveness.deadWorkers().get("w").message()).hasSize(WorkerDeath.MAX_MESSAGE + 3).endsWith("...");
  }

  @Test
  void aLivenessWithoutARegistryStillReports() {
    Liveness detached = new Liveness();
    detached.workerDied("w", new Error("boom"));

    assertThat(detached.deadWorkers()).containsOnlyKeys("w");
  }

  @Test
  void blankNamesAreRejected() {
    assertThatThrownBy(() -> liveness.workerDied(" ", new Error()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> liveness.watch(null, () -> { }))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private Counter failures(String worker) {
    return registry.get("pipelens.worker.failures").tag("component", "agent").tag("worker", worker).counter();
  }
}
