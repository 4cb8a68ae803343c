package io.pipelens.agent.output.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void ceilingDoublesFromInitialUpToMax() {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    assertThat(backoff.ceilingNanos(0)).isEqualTo(Duration.ofMillis(500).toNanos());
    assertThat(backoff.ceilingNanos(1)).isEqualTo(Duration.ofSeconds(1).toNanos());
    assertThat(backoff.ceilingNanos(3)).isEqualTo(Duration.ofSeconds(4).toNanos());
    assertThat(backoff.ceilingNanos(6)).isEqualTo(Duration.ofSeconds(30).toNanos());
    assertThat(backoff.ceilingNanos(1000)).isEqualTo(Duration.ofSeconds(30).toNanos());
  }

  @Test
  void waitsAreFullyJitteredBelowTheCeilingAndResetStartsOver() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    long sum = 0;
    for (int i = 0; i < 200; i++) {
      Duration wait = backoff.next();
      assertThat(wait).isBetween(Duration.ZERO, Duration.ofSeconds(1));
      sum += wait.toMillis();
    }
    // Full jitter: the mean is half the ceiling, not the ceiling.
    assertThat(sum / 200).isBetween(300L, 700L);

    backoff.reset();
    assertThat(backoff.next()).isLessThanOrEqualTo(Duration.ofMillis(100));
  }

  @Test
  void refusesAMaxBelowInitial() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 < initial <= max");
  }
}
