package io.pipelens.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.agent.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ObservedTimeTest {

  /** A clock one millisecond later at every reading, counting its readings. */
  private static final class SteppingClock extends Clock {
    final AtomicInteger readings = new AtomicInteger();

    @Override
    public Instant instant() {
      return Harness.NOW.plusMillis(readings.incrementAndGet());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private final SteppingClock clock = new SteppingClock();
  private final Harness harness = new Harness();

  @Test
  void recordsOfOneReadShareOneReadingOfTheClockAndTheNextReadTakesAnother() throws Exception {
    harness.builder.clock(clock);
    SourceFile file = Harness.file("/logs/app.log");

    harness.chain().read(file);
    harness.feed(file, "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8));
    harness.chain().read(file);
    harness.chain().read(file); // announced twice before a record: still one reading, taken lazily
    Harness.feed(harness.chain(), file, "four\nfive\n".getBytes(StandardCharsets.UTF_8), 14);

    assertThat(harness.bodies()).containsExactly("one", "two", "three", "four", "five");
    assertThat(clock.readings).hasValue(2);
    assertThat(observed(0)).isEqualTo(observed(1)).isEqualTo(observed(2)).isEqualTo(nanos(1));
    assertThat(observed(3)).isEqualTo(observed(4)).isEqualTo(nanos(2));
  }

  @Test
  void withoutReadsEveryRecordIsStampedWhenItIsEmitted() throws Exception {
    harness.builder.clock(clock);
    SourceFile file = Harness.file("/logs/app.log");

    harness.feed(file, "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8));

    assertThat(clock.readings).hasValue(3);
    assertThat(observed(0)).isEqualTo(nanos(1));
    assertThat(observed(2)).isEqualTo(nanos(3));
  }

  @Test
  void aReadOfAnotherFileLeavesThisFilesStampAlone() throws Exception {
    harness.builder.clock(clock);
    SourceFile app = Harness.file("/logs/app.log");
    SourceFile other = Harness.file("/logs/other.log");

    harness.chain().read(app);
    harness.feed(app, "one\n".getBytes(StandardCharsets.UTF_8));
    harness.chain().read(other);
    harness.feed(other, "elsewhere\n".getBytes(StandardCharsets.UTF_8));
    Harness.feed(harness.chain(), app, "two\n".getBytes(StandardCharsets.UTF_8), 4);

    assertThat(harness.bodies()).containsExactly("one", "elsewhere", "two");
    assertThat(observed(2)).isEqualTo(observed(0)).isEqualTo(nanos(1));
    assertThat(observed(1)).isEqualTo(nanos(2));
  }

  private long observed(int index) {
    return harness.emitted.get(index).record().observedTimestampNanos();
  }

  private static long nanos(int millisAfterNow) {
    Instant at = Harness.NOW.plusMillis(millisAfterNow);
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }
}
