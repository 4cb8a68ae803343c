package io.pipelens.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadinessTest {

  private final Readiness readiness = new Readiness();

  @Test
  void noChecksMeansReady() {
    assertThat(readiness.evaluate().ready()).isTrue();
    assertThat(readiness.evaluate().checked()).isZero();
  }

  @Test
  void reportsFailingChecksInRegistrationOrder() {
    AtomicBoolean kafka = new AtomicBoolean(false);
    readiness.register("kafka", kafka::get, "no broker reachable");
    readiness.register("checkpoint", () -> Readiness.Check.passed());
    readiness.register("disk", () -> Readiness.Check.failed("disk full"));

    Readiness.Result result = readiness.evaluate();

    assertThat(result.ready()).isFalse();
    assertThat(result.checked()).isEqualTo(3);
    assertThat(result.failing()).containsExactly(
        Map.entry("kafka", "no broker reachable"), Map.entry("disk", "disk full"));

    kafka.set(true);
    readiness.unregister("disk");
    assertThat(readiness.evaluate().ready()).isTrue();
  }

  @Test
  void aThrowingCheckFailsWithTheExceptionAsReason() {
    readiness.register("broken", () -> {
      throw new IllegalStateException("boom");
    });

    assertThat(readiness.evaluate().failing())
        .containsEntry("broken", "check threw java.lang.IllegalStateException: boom");
  }

  @Test
  void rejectsDuplicateAndBlankNames() {
    readiness.register("kafka", () -> Readiness.Check.passed());

    assertThatThrownBy(() -> readiness.register("kafka", () -> Readiness.Check.passed()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("readiness check \"kafka\" is already registered");
    assertThatThrownBy(() -> readiness.register(" ", () -> Readiness.Check.passed()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("readiness check name must not be blank");
  }
}
