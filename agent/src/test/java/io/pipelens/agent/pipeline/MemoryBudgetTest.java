package io.pipelens.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The budget's lock-free acquire against readers and releasers on several threads. */
class MemoryBudgetTest {

  @Test
  void readersOnSeveralThreadsNeverHoldMoreThanTheLimitAndEveryReleaseComesBack() throws Exception {
    // Four readers take 1 to 100 bytes at a time from a 1,000-byte budget and hand each take to
    // two releasers, as outputs acknowledge batches: the readers block often, the budget is never
    // seen above its limit, and it is empty once every take is released (a lost update, such as a
    // read-then-write instead of a compare-and-set, leaves bytes held or frees too many).
    long limit = 1_000;
    MemoryBudget budget = new MemoryBudget(limit);
    BlockingQueue<Long> taken = new ArrayBlockingQueue<>(64);
    AtomicLong overLimit = new AtomicLong();
    int perReader = 50_000;
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      Random random = new Random(r);
      readers.add(new Thread(() -> {
        try {
          for (int i = 0; i < perReader; i++) {
            long bytes = 1 + random.nextInt(100);
            budget.acquire(bytes);
            if (budget.used() > limit) {
              overLimit.incrementAndGet();
            }
            taken.put(bytes);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    AtomicLong released = new AtomicLong();
    List<Thread> releasers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      releasers.add(new Thread(() -> {
        try {
          while (true) {
            Long bytes = taken.poll(2, TimeUnit.SECONDS);
            if (bytes == null) {
              return;
            }
            budget.release(bytes);
            released.incrementAndGet();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    readers.forEach(Thread::start);
    releasers.forEach(Thread::start);
    for (Thread reader : readers) {
      reader.join(20_000);
      assertThat(reader.isAlive()).as("a reader still blocked").isFalse();
    }
    for (Thread releaser : releasers) {
      releaser.join(20_000);
    }
    assertThat(released.get()).isEqualTo(4L * perReader);
    assertThat(overLimit.get()).as("times the budget was seen above its limit").isZero();
    assertThat(budget.used()).isZero();
    assertThat(budget.blockedSeconds()).as("readers waited for releases").isPositive();
  }

  @Test
  void oneRecordLargerThanTheBudgetPassesOnlyWhenNothingElseIsHeld() throws Exception {
    MemoryBudget budget = new MemoryBudget(100);
    budget.acquire(10);
    Thread reader = new Thread(() -> {
      try {
        budget.acquire(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    reader.start();
    reader.join(300);
    assertThat(reader.isAlive()).as("blocked while 10 bytes are held").isTrue();
    budget.release(10);
    reader.join(5_000);
    assertThat(reader.isAlive()).isFalse();
    assertThat(budget.used()).isEqualTo(500);
    assertThat(budget.tryAcquire(1, TimeUnit.MILLISECONDS.toNanos(50))).as("spent: dropped").isFalse();
    budget.release(500);
    assertThat(budget.tryAcquire(1, 0)).isTrue();
    assertThat(budget.used()).isEqualTo(1);
  }
}
