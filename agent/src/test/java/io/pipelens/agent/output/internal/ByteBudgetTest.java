package io.pipelens.agent.output.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.agent.output.OutputStoppedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ByteBudgetTest {

  @Test
  void acquireBlocksWhileSpentAndResumesOnRelease() throws Exception {
    ByteBudget budget = new ByteBudget("test", 100);
    budget.acquire(80);

    CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> acquire(budget, 30));
    Thread.sleep(200);
    assertThat(blocked).isNotDone();

    budget.release(80);
    blocked.get(5, TimeUnit.SECONDS);
    assertThat(budget.used()).isEqualTo(30);
  }

  @Test
  void aRequestLargerThanTheBudgetPassesWhenNothingElseIsHeld() throws Exception {
    ByteBudget budget = new ByteBudget("test", 100);
    budget.acquire(1_000);
    assertThat(budget.used()).isEqualTo(1_000);
  }

  @Test
  void closeWakesWaitersWithOutputStopped() throws Exception {
    ByteBudget budget = new ByteBudget("test", 100);
    budget.acquire(100);
    CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> acquire(budget, 1));
    Thread.sleep(100);

    budget.close();

    assertThat(blocked)
        .failsWithin(5, TimeUnit.SECONDS)
        .withThrowableOfType(Exception.class)
        .withCauseInstanceOf(OutputStoppedException.class);
  }

  private static void acquire(ByteBudget budget, long bytes) {
    try {
      budget.acquire(bytes);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
