package io.pipelens.runtime.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A service that appends "start name" / "stop name" to a shared journal and can be told to fail. */
final class RecordingService implements Service {

  final CountDownLatch started = new CountDownLatch(1);
  final CountDownLatch stopped = new CountDownLatch(1);
  final List<Duration> stopDeadlines = new CopyOnWriteArrayList<>();
  private final String name;
  private final List<String> journal;
  private volatile Exception startFailure;
  private volatile RuntimeException stopFailure;
  private volatile Duration stopTakes = Duration.ZERO;

  RecordingService(String name, List<String> journal) {
    this.name = name;
    this.journal = journal;
  }

  RecordingService failStartWith(Exception failure) {
    this.startFailure = failure;
    return this;
  }

  RecordingService failStopWith(RuntimeException failure) {
    this.stopFailure = failure;
    return this;
  }

  RecordingService stopTakes(Duration duration) {
    this.stopTakes = duration;
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start() throws Exception {
    journal.add("start " + name);
    if (startFailure != null) {
      throw startFailure;
    }
    started.countDown();
  }

  @Override
  public void stop(Duration deadline) {
    journal.add("stop " + name);
    stopDeadlines.add(deadline);
    try {
      Thread.sleep(stopTakes.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopped.countDown();
    if (stopFailure != null) {
      throw stopFailure;
    }
  }
}
