package io.pipelens.launcher.demo;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one application of the fleet, event by event: the event-log line, time-shifted, to
 * {@code <node>/var/log/spark-events/<appId>.inprogress} (renamed to {@code <appId>} after its last
 * line, as Spark does), and the engine and business lines it implies to the container logs of its
 * driver and executor pods. Not thread-safe.
 */
final class SparkAppWriter implements Closeable {

  static final String DRIVER_CONTAINER = "spark-kubernetes-driver";
  static final String EXECUTOR_CONTAINER = "spark-kubernetes-executor";
  static final String BUSINESS_CONTAINER = "app-logs";

  private final DemoSparkApp app;
  private final Path fleet;
  private final long shift;
  private final Map<String, FleetPod> pods;
  private final SparkLogDeriver deriver;
  private final KubernetesSubmission submission;
  private final Map<Path, CriFile> files = new HashMap<>();
  private final Path inProgress;
  private final Path finished;
  private BufferedWriter events;
  private int written;

  SparkAppWriter(DemoSparkApp app, Path fleet, long dayEndMillis) {
    this.app = app;
    this.fleet = fleet;
    this.shift = app.timeShift(dayEndMillis);
    this.pods = app.pods();
    this.deriver = new SparkLogDeriver(app.log().appId(), app.slug());
    this.submission = new KubernetesSubmission(app.team());
    Path dir = eventLogDirectory(fleet, app.driverNode());
    this.inProgress = dir.resolve(app.log().appId() + ".inprogress");
    this.finished = dir.resolve(app.log().appId());
  }

  /** Where a node's Spark drivers write event logs: its shared {@code spark.eventLog.dir}. */
  static Path eventLogDirectory(Path fleet, String node) {
    return fleet.resolve(node).resolve("var/log/spark-events");
  }

  /** The application's pods. */
  Map<String, FleetPod> pods() {
    return pods;
  }

  /** Lines written so far. */
  int written() {
    return written;
  }

  /** Whether every line of the log is written. */
  boolean complete() {
    return written >= app.log().lines().size();
  }

  /**
   * Continues after a previous run: counts the complete lines already in the event log and
   * replays them through the deriver (writing nothing), so what follows continues its counts.
   */
  void resume() throws IOException {
    Path existing = Files.exists(finished) ? finished : inProgress;
    if (!Files.exists(existing)) {
      return;
    }
    byte[] bytes = Files.readAllBytes(existing);
    int lines = 0;
    int lastEnd = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        lines++;
        lastEnd = i + 1;
      }
    }
    if (lastEnd < bytes.length) {
      // A line cut by a crash: complete it, so the log stays Spark's.
      try (var out = Files.newOutputStream(existing, StandardOpenOption.APPEND)) {
        String line = line(lines);
        byte[] whole = line.getBytes(StandardCharsets.UTF_8);
        out.write(whole, bytes.length - lastEnd, whole.length - (bytes.length - lastEnd));
        out.write('\n');
      }
      lines++;
    }
    for (int i = 0; i < lines && i < app.log().lines().size(); i++) {
      deriver.derive(line(i));
    }
    written = lines;
  }

  /** Writes the next {@code count} lines (fewer at the end of the log) and what they imply. */
  void writeNext(int count) throws IOException {
    List<String> lines = app.log().lines();
    int end = Math.min(lines.size(), written + count);
    if (written >= end) {
      return;
    }
    if (events == null) {
      Files.createDirectories(inProgress.getParent());
      events = Files.newBufferedWriter(inProgress, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    for (; written < end; written++) {
      String line = line(written);
      events.write(line);
      events.write('\n');
      for (DerivedLine derived : deriver.derive(line)) {
        FleetPod pod = pods.getOrDefault(derived.executorId(), pods.get(SparkLogDeriver.DRIVER));
        String container = derived.business() ? BUSINESS_CONTAINER
            : derived.executorId().equals(SparkLogDeriver.DRIVER) ? DRIVER_CONTAINER : EXECUTOR_CONTAINER;
        file(pod.containerLog(fleet, container)).append(derived.epochMillis(),
            derived.business() ? "stdout" : "stderr", derived.text());
      }
    }
    flush();
    if (complete() && !app.running()) {
      events.close();
      events = null;
      Files.move(inProgress, finished, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Line {@code index} of the log as this application writes it: submitted to Kubernetes, shifted. */
  private String line(int index) {
    return EventLogTimeShift.shift(submission.apply(app.log().lines().get(index)), shift);
  }

  private CriFile file(Path path) throws IOException {
    CriFile file = files.get(path);
    if (file == null) {
      file = new CriFile(path);
      files.put(path, file);
    }
    return file;
  }

  private void flush() throws IOException {
    if (events != null) {
      events.flush();
    }
    for (CriFile file : files.values()) {
      file.flush();
    }
  }

  @Override
  public void close() throws IOException {
    if (events != null) {
      events.close();
      events = null;
    }
    for (CriFile file : files.values()) {
      file.close();
    }
    files.clear();
  }
}
