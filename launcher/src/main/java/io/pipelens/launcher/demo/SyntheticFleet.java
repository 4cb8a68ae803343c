package io.pipelens.launcher.demo;

import io.pipelens.runtime.lifecycle.Service;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A day of preprocessing on three nodes, written as files for the agents to tail, under {@code
 * <fleet>/}:
 *
 * <ul>
 *   <li>{@value #FIXED_A} and {@value #FIXED_B}, fixed nodes where the agent runs as a DaemonSet:
 *       the Spark applications' pods (container logs in the kubelet's layout, {@code
 *       var/log/pods/<namespace>_<pod>_<uid>/<container>/0.log}, CRI format) and the drivers'
 *       event logs ({@code var/log/spark-events/});
 *   <li>{@value #SERVERLESS}, a virtual (serverless) node where no DaemonSet runs: a Ray cluster's
 *       head pod, whose logs its agent sidecar reads in Ray's own layout.
 * </ul>
 *
 * Two teams, {@link Team#SEARCH} (high priority) and {@link Team#VISION} (low), own the jobs. The
 * Spark applications are real Spark event logs ({@link DemoSparkApp}), moved in time so the day
 * ends at the first start; the engine and business logs are derived from them ({@link
 * SparkLogDeriver}). At start the finished applications are written whole, then the running one
 * and the live Ray job grow slowly ({@link FleetPace}) until the demo stops.
 *
 * <p><b>A second start</b> on the same directory writes no history again: {@code fleet.properties}
 * (written once the history is complete) keeps the day's end, the running application continues
 * from the lines its event log holds (a line cut by a crash is completed first), and the Ray job
 * appends. A directory without {@code fleet.properties} (a first start that stopped half way) is
 * written again from scratch. The volume stays bounded: about 1 MB of history, then the running
 * application's remaining lines and at most {@link FleetPace#maxRayLiveBytes()} of Ray lines.
 */
public final class SyntheticFleet implements Service {

  /** A fixed node. */
  public static final String FIXED_A = "node-fixed-a";

  /** Another fixed node. */
  public static final String FIXED_B = "node-fixed-b";

  /** A virtual node of a serverless pool. */
  public static final String SERVERLESS = "virtual-node-serverless-1";

  private static final Logger log = LoggerFactory.getLogger(SyntheticFleet.class);
  private static final String STATE = "fleet.properties";
  private static final long HOUR = 3_600_000L;

  private final Path root;
  private final Clock clock;
  private final FleetPace pace;
  private final List<DemoSparkApp> apps;
  private final FleetPod rayHead;
  private final Map<String, Map<String, String>> labelsByUid = new HashMap<>();
  private final List<SparkAppWriter> writers = new ArrayList<>();
  private RayClusterWriter ray;
  private SparkAppWriter running;
  private long dayEnd;
  private volatile boolean stopping;
  private Thread thread;

  /** The standard fleet under {@code root}, at the standard pace. */
  public static SyntheticFleet standard(Path root) {
    return new SyntheticFleet(root, Clock.systemUTC(), FleetPace.standard());
  }

  /** A fleet under {@code root}, its day ending at {@code clock}'s now on the first start. */
  public SyntheticFleet(Path root, Clock clock, FleetPace pace) {
    this.root = root.toAbsolutePath();
    this.clock = clock;
    this.pace = pace;
    this.apps = List.of(
        new DemoSparkApp(SparkEventLog.load("app-20161115172038-0000",
            SparkEventLog.DEMO_EVENTS + "app-20161115172038-0000"),
            "text-dedup-minhash", Team.SEARCH, FIXED_A, List.of(FIXED_A, FIXED_B), 5 * HOUR, -1),
        new DemoSparkApp(SparkEventLog.load("application_1578436911597_0052",
            SparkEventLog.HISTORY_SAMPLES + "application_1578436911597_0052"),
            "text-quality-filter", Team.SEARCH, FIXED_B, List.of(FIXED_B), 2 * HOUR, -1),
        new DemoSparkApp(SparkEventLog.load("local-1422981780767", SparkEventLog.DEMO_EVENTS + "local-1422981780767"),
            "image-manifest-check", Team.VISION, FIXED_B, List.of(FIXED_B), 40 * 60_000L, -1),
        new DemoSparkApp(SparkEventLog.load("application_1553914137147_0018",
            SparkEventLog.HISTORY_SAMPLES + "application_1553914137147_0018.inprogress"),
            "image-caption-join", Team.VISION, FIXED_A, List.of(FIXED_A, FIXED_B), 60_000L, 14));
    this.rayHead = FleetPod.of(SERVERLESS, Team.VISION.name(), RayClusterWriter.CLUSTER + "-head-x7k2p", Map.of(
        "ray.io/cluster", RayClusterWriter.CLUSTER, "ray.io/node-type", "head",
        Team.TEAM_LABEL, Team.VISION.name(), Team.PRIORITY_LABEL, Team.VISION.priority()));
    for (DemoSparkApp app : apps) {
      for (FleetPod pod : app.pods().values()) {
        labelsByUid.put(pod.uid(), pod.labels());
      }
    }
    labelsByUid.put(rayHead.uid(), rayHead.labels());
  }

  /** The fleet's root directory. */
  public Path root() {
    return root;
  }

  /** The Spark applications, in the order they ran. */
  public List<DemoSparkApp> apps() {
    return apps;
  }

  /** The Ray cluster's head pod, whose sidecar agent reads the Ray logs. */
  public FleetPod rayHead() {
    return rayHead;
  }

  /** The labels of the fleet's pods by UID, as the Kubernetes API would give them; stable instances. */
  public Map<String, String> labels(String podUid) {
    return labelsByUid.getOrDefault(podUid, Map.of());
  }

  /** Globs of the fixed nodes' container logs of {@code container}. */
  public String fixedContainerLogs(String container) {
    return root + "/node-fixed-*/var/log/pods/*/" + container + "/*.log";
  }

  /** Glob of the fixed nodes' Spark event logs. */
  public String fixedEventLogs() {
    return root + "/node-fixed-*/var/log/spark-events/*";
  }

  @Override
  public String name() {
    return "demo-fleet";
  }

  @Override
  public void start() throws IOException {
    OptionalLong previous = readState();
    if (previous.isPresent()) {
      dayEnd = previous.getAsLong();
      log.info("fleet: continuing the day that ended at {} in {}", Instant.ofEpochMilli(dayEnd), root);
    } else {
      deleteRecursively(root);
      dayEnd = clock.millis();
    }
    for (DemoSparkApp app : apps) {
      SparkAppWriter writer = new SparkAppWriter(app, root, dayEnd);
      writers.add(writer);
      if (app.running()) {
        running = writer;
      }
    }
    ray = new RayClusterWriter(RayClusterWriter.podDirectory(root, rayHead), dayEnd, pace.maxRayLiveBytes());
    if (previous.isPresent()) {
      for (SparkAppWriter writer : writers) {
        writer.resume();
      }
    } else {
      for (int i = 0; i < apps.size(); i++) {
        writers.get(i).writeNext(apps.get(i).initialLines());
      }
      ray.writeHistory();
      writeState();
      log.info("fleet: wrote a day of preprocessing ({} Spark applications, a Ray cluster) to {}", apps.size(), root);
    }
    thread = new Thread(this::trickle, "pipelens-demo-fleet");
    thread.setDaemon(true);
    thread.start();
  }

  private void trickle() {
    long nextSpark = System.nanoTime() + pace.runningAppLine().toNanos();
    long nextRay = System.nanoTime();
    try {
      while (!stopping) {
        long now = System.nanoTime();
        if (now - nextRay >= 0) {
          ray.trickle(clock.millis());
          nextRay = now + pace.rayBatch().toNanos();
        }
        if (running != null && !running.complete() && now - nextSpark >= 0) {
          running.writeNext(1);
          nextSpark = now + pace.runningAppLine().toNanos();
        }
        long wait = Math.min(nextRay, running != null && !running.complete() ? nextSpark : nextRay) - System.nanoTime();
        if (wait > 0) {
          synchronized (this) {
            if (!stopping) {
              wait(Math.max(1, wait / 1_000_000), 0);
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      log.error("fleet: writing the live logs failed; the fleet stops growing", e);
    }
  }

  @Override
  public void stop(Duration deadline) {
    synchronized (this) {
      stopping = true;
      notifyAll();
    }
    if (thread != null) {
      try {
        thread.join(Math.max(1, deadline.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      for (SparkAppWriter writer : writers) {
        writer.close();
      }
      if (ray != null) {
        ray.close();
      }
    } catch (IOException e) {
      log.warn("fleet: closing its files failed", e);
    }
  }

  private OptionalLong readState() {
    Path state = root.resolve(STATE);
    if (!Files.exists(state)) {
      return OptionalLong.empty();
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(state)) {
      properties.load(in);
      return OptionalLong.of(Long.parseLong(properties.getProperty("day_end_epoch_millis")));
    } catch (IOException | RuntimeException e) {
      log.warn("fleet: {} is unreadable ({}); writing the fleet again", state, e.toString());
      return OptionalLong.empty();
    }
  }

  private void writeState() throws IOException {
    Properties properties = new Properties();
    properties.setProperty("day_end_epoch_millis", Long.toString(dayEnd));
    Path temporary = root.resolve(STATE + ".tmp");
    try (OutputStream out = Files.newOutputStream(temporary)) {
      properties.store(out, "pipelens demo fleet: the history is written; a rerun continues it");
    }
    Files.move(temporary, root.resolve(STATE), StandardCopyOption.ATOMIC_MOVE);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
