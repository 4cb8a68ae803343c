package io.pipelens.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CompositeServiceTest {

  private final List<String> journal = new CopyOnWriteArrayList<>();

  @Test
  void anOnStopServiceRunsItsActionOnceAtItsPlaceInTheStopOrder() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    Service first = Service.onStop("first", () -> events.add("first stopped"));
    Service second = Service.onStop("second", () -> events.add("second stopped"));
    CompositeService composite = CompositeService.of("both", List.of(first, second));

    composite.start();
    assertThat(events).isEmpty();
    composite.stop(Duration.ofSeconds(1));
    first.stop(Duration.ofSeconds(1));

    assertThat(events).containsExactly("second stopped", "first stopped");
    assertThat(first.name()).isEqualTo("first");
  }

  @Test
  void startsInOrderAndStopsInReverse() throws Exception {
    CompositeService composite = CompositeService.of("agent",
        new RecordingService("ops", journal), new RecordingService("sink", journal),
        new RecordingService("source", journal));

    composite.start();
    composite.stop(Duration.ofSeconds(5));

    assertThat(journal).containsExactly(
        "start ops", "start sink", "start source", "stop source", "stop sink", "stop ops");
  }

  @Test
  void aFailedStartStopsTheFailingChildAndThoseBeforeItInReverseAndRethrows() {
    IOException failure = new IOException("cannot reach kafka");
    CompositeService composite = CompositeService.of("agent",
        new RecordingService("ops", journal), new RecordingService("sink", journal).failStartWith(failure),
        new RecordingService("source", journal));

    assertThatThrownBy(composite::start).isSameAs(failure);
    assertThat(journal).containsExactly("start ops", "start sink", "stop sink", "stop ops");
  }

  @Test
  void stopFailuresDuringRollbackAreAttachedToTheStartFailure() {
    IOException failure = new IOException("cannot reach kafka");
    CompositeService composite = CompositeService.of("agent",
        new RecordingService("ops", journal).failStopWith(new IllegalStateException("port stuck")),
        new RecordingService("sink", journal).failStartWith(failure));

    assertThatThrownBy(composite::start).isSameAs(failure);
    assertThat(failure.getSuppressed()).hasSize(1);
    assertThat(failure.getSuppressed()[0]).hasMessage("agent: ops failed to stop: port stuck");
  }

  @Test
  void stopIsIdempotentAndSafeWithoutStart() throws Exception {
    CompositeService neverStarted = CompositeService.of("idle", new RecordingService("a", journal));
    neverStarted.stop(Duration.ofSeconds(1));
    assertThat(journal).isEmpty();

    CompositeService composite = CompositeService.of("agent", new RecordingService("a", journal));
    composite.start();
    composite.stop(Duration.ofSeconds(1));
    composite.stop(Duration.ofSeconds(1));
    composite.close();

    assertThat(journal).containsExactly("start a", "stop a");
    assertThatThrownBy(composite::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("agent was already stopped");
  }

  @Test
  void aChildThatFailsToStopDoesNotKeepTheOthersFromStopping() throws Exception {
    RuntimeException first = new IllegalStateException("flush failed");
    RuntimeException second = new IllegalStateException("checkpoint failed");
    CompositeService composite = CompositeService.of("agent",
        new RecordingService("a", journal).failStopWith(second),
        new RecordingService("b", journal),
        new RecordingService("c", journal).failStopWith(first));
    composite.start();

    assertThatThrownBy(() -> composite.stop(Duration.ofSeconds(1)))
        .hasMessage("agent: c failed to stop: flush failed")
        .hasCause(first)
        .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(second));
    assertThat(journal).endsWith("stop c", "stop b", "stop a");
  }

  @Test
  void childrenShareOneStopDeadline() throws Exception {
    RecordingService slow = new RecordingService("slow", journal).stopTakes(Duration.ofMillis(300));
    RecordingService last = new RecordingService("last", journal);
    CompositeService composite = CompositeService.of("agent", last, slow);
    composite.start();

    composite.stop(Duration.ofSeconds(1));

    // Stopped first, slow gets nearly the whole second; last gets what slow left.
    assertThat(slow.stopDeadlines.get(0)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(1));
    assertThat(last.stopDeadlines.get(0)).isLessThanOrEqualTo(Duration.ofMillis(700));
  }

  @Test
  void theRemainingDeadlineNeverGoesNegativeOrOverflows() {
    assertThat(CompositeService.remaining(Duration.ofMillis(1), System.nanoTime() - 1_000_000_000L))
        .isEqualTo(Duration.ZERO);
    assertThat(CompositeService.remaining(Duration.ofSeconds(Long.MAX_VALUE), System.nanoTime()))
        .isGreaterThan(Duration.ofDays(365 * 1000L));
  }
}
