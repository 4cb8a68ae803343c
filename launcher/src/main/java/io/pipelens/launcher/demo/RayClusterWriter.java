package io.pipelens.launcher.demo;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * The logs of a KubeRay cluster's head pod running two Ray Data jobs, in Ray's layout under {@code
 * <node>/<pod>/tmp/ray/session_<time>_<pid>/logs}: {@code gcs_server.out} and {@code raylet.out}
 * (spdlog's {@code [time level pid tid] (component) file:line: message}), a worker per job whose
 * {@code worker-<id>-<job id>-<pid>.err} carries Python logging ({@code time\tLEVEL file:line --
 * message}, tracebacks included), and each job's {@code job-driver-<submission>.log}. Job {@code
 * 01000000} deduplicated its images earlier in the day; job {@code 02000000} keeps captioning
 * while the demo runs ({@link #trickle}). Synthetic: Ray writes no replayable record like Spark's
 * event log, so these lines are made up, in Ray's formats.
 */
final class RayClusterWriter implements Closeable {

  static final String CLUSTER = "laion-dedup";
  private static final DateTimeFormatter SESSION_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss").withZone(ZoneOffset.UTC);
  static final String DONE_JOB = "01000000";
  static final String LIVE_JOB = "02000000";
  private static final String DONE_WORKER = "worker-6c1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f-01000000-311";
  private static final String LIVE_WORKER = "worker-9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6b5a4938271605f4e-02000000-412";
  private static final DateTimeFormatter CPP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS").withZone(ZoneOffset.UTC);
  private static final int SHARDS = 200;

  private final Path logs;
  private final long start;
  private final long maxLiveBytes;
  private final Map<String, BufferedWriter> files = new HashMap<>();
  private int liveShard;

  /**
   * A writer under {@code podDir} for a cluster started six hours before {@code dayEndMillis}; the
   * live job's worker log stops growing at {@code maxLiveBytes}.
   */
  RayClusterWriter(Path podDir, long dayEndMillis, long maxLiveBytes) {
    this.start = dayEndMillis - 6 * 3_600_000L;
    this.logs = podDir.resolve("tmp/ray").resolve("session_" + SESSION_TIME.format(Instant.ofEpochMilli(start))
        + "_000000_1").resolve("logs");
    this.maxLiveBytes = maxLiveBytes;
  }

  /** The session's log directory. */
  Path logDirectory() {
    return logs;
  }

  static Path podDirectory(Path fleet, FleetPod head) {
    return fleet.resolve(head.node()).resolve(head.name());
  }

  /** The day so far: the cluster's start, the finished dedup job, the captioning job's start. */
  void writeHistory() throws IOException {
    cpp("gcs_server.out", start, 'I', 150, "gcs_server", "gcs_server_main.cc:111", "GCS server started, listening on port 6379");
    cpp("raylet.out", start + 800, 'I', 211, "raylet", "main.cc:195", "Setting cluster ID to: 4f1c0a9e2b7d");
    cpp("raylet.out", start + 900, 'I', 211, "raylet", "node_manager.cc:373", "Initializing NodeManager, node id: 8a2f61c04de3");
    job("job-driver-raysubmit_1a2b3c.log", start + 60_000, "INFO", "image_dedup.py:21",
        "Submitted image dedup over " + SHARDS + " shards (job " + DONE_JOB + ")");
    long t = start + 61_000;
    for (int shard = 0; shard < SHARDS; shard++) {
      t += 30_000 + (shard * 7919L) % 20_000;
      if (shard == 87) {
        python(DONE_WORKER + ".err", t, "ERROR", "image_dedup.py:64", "shard 87 failed; retrying (attempt 1 of 3)\n"
            + "Traceback (most recent call last):\n"
            + "  File \"/app/image_dedup.py\", line 58, in dedup_shard\n"
            + "    img = Image.open(io.BytesIO(blob)).convert(\"RGB\")\n"
            + "  File \"/usr/local/lib/python3.10/site-packages/PIL/Image.py\", line 937, in convert\n"
            + "    self.load()\n"
            + "  File \"/usr/local/lib/python3.10/site-packages/PIL/ImageFile.py\", line 288, in load\n"
            + "    raise OSError(msg)\n"
            + "OSError: image file is truncated (3 bytes not processed)");
        cpp("raylet.out", t, 'W', 211, "raylet", "node_manager.cc:1587", "Task dedup_shard failed on worker 6c1e2d3f, retrying");
        t += 4_000;
      }
      python(DONE_WORKER + ".err", t, "INFO", "image_dedup.py:71", "shard " + (shard + 1) + "/" + SHARDS + ": "
          + (4000 + (shard * 37) % 96) + " images, " + (120 + (shard * 53) % 300) + " near-duplicates (phash distance <= 4)");
    }
    job("job-driver-raysubmit_1a2b3c.log", t + 1000, "INFO", "image_dedup.py:88", "Job " + DONE_JOB + " succeeded");
    job("job-driver-raysubmit_4d5e6f.log", t + 60_000, "INFO", "caption_filter.py:17",
        "Submitted caption filter (job " + LIVE_JOB + ")");
    flush();
  }

  /** One more shard of the live job at {@code nowMillis}, until its log reaches its limit. */
  void trickle(long nowMillis) throws IOException {
    Path worker = logs.resolve(LIVE_WORKER + ".err");
    if (Files.exists(worker) && Files.size(worker) >= maxLiveBytes) {
      return;
    }
    if (liveShard == 0 && Files.exists(worker)) {
      // A rerun: go on from the batches an earlier run logged.
      try (var lines = Files.lines(worker, StandardCharsets.UTF_8)) {
        liveShard = (int) lines.filter(line -> line.contains(" -- batch ")).count();
      }
    }
    liveShard++;
    python(LIVE_WORKER + ".err", nowMillis, "INFO", "caption_filter.py:52", "batch " + liveShard + ": kept "
        + (900 + (liveShard * 61) % 100) + " of 1024 captions (CLIP score >= 0.28)");
    if (liveShard % 25 == 0) {
      cpp("raylet.out", nowMillis, 'I', 211, "raylet", "node_manager.cc:2741", "Object store usage: "
          + (40 + liveShard % 40) + "% of 8 GiB");
    }
    flush();
  }

  private void cpp(String file, long millis, char level, int pid, String component, String source, String message)
      throws IOException {
    write(file, "[" + CPP.format(Instant.ofEpochMilli(millis)) + " " + level + " " + pid + " " + pid + "] ("
        + component + ") " + source + ": " + message);
  }

  private void python(String file, long millis, String level, String source, String message) throws IOException {
    write(file, CPP.format(Instant.ofEpochMilli(millis)) + "\t" + level + " " + source + " -- " + message);
  }

  private void job(String file, long millis, String level, String source, String message) throws IOException {
    python(file, millis, level, source, message);
  }

  private void write(String file, String text) throws IOException {
    BufferedWriter out = files.get(file);
    if (out == null) {
      Files.createDirectories(logs);
      out = Files.newBufferedWriter(logs.resolve(file), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      files.put(file, out);
    }
    out.write(text);
    out.write('\n');
  }

  private void flush() throws IOException {
    for (BufferedWriter out : files.values()) {
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    for (BufferedWriter out : files.values()) {
      out.close();
    }
    files.clear();
  }
}
