package io.pipelens.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.testsupport.TestServers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's at-least-once promise under abuse: a writer appends 1,000,000 numbered lines to files
 * rotated by rename and by copytruncate while the agent process ({@code bin/pipelens agent}) is
 * killed with SIGKILL five times and restarted. Every line must reach the real Kafka broker
 * uncorrupted, and the duplicates that the kills cause must stay within a batch per kill.
 */
class AgentTortureIT {

  private static final int LINES = 1_000_000;
  private static final int KILLS = 5;
  private static final int BATCH_MAX_RECORDS = 8192;
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LINE = Pattern.compile("seq=(\\d{7}) file=app payload=([a-z]+)");

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @Test
  void everyLineReachesKafkaThroughRotationsAndKills() throws Exception {
    String brokers = TestServers.kafka().bootstrapServers();
    String topic = "torture-" + System.nanoTime();
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path data = Files.createDirectories(dir.resolve("data"));
    int port = freePort();
    Path config = dir.resolve("agent.yaml");
    Files.writeString(config, String.join("\n",
        "http: {host: 127.0.0.1, port: " + port + "}",
        "data_dir: " + data,
        "checkpoint_interval: 50ms",
        "inputs:",
        "  - name: app",
        "    file:",
        "      paths: [" + logs + "/app.log*]",
        "    stream: business",
        "outputs:",
        "  - kafka:",
        "      brokers: [" + brokers + "]",
        "      topics: {business: " + topic + "}",
        "pipeline:",
        "  memory_budget: 2MiB",
        "  batch_max_records: " + BATCH_MAX_RECORDS,
        "  flush_interval: 50ms",
        ""));

    SeenLines seen = new SeenLines();
    TopicLines collector = new TopicLines(brokers, topic, seen);
    collector.start();
    AgentProcess agent = new AgentProcess(config, port, dir);
    Writer writer = null;
    int kills = 0;
    try {
      agent.start();
      writer = new Writer(logs.resolve("app.log"), data.resolve("checkpoints.json"));
      writer.start();

      Random random = new Random(42);
      while (writer.isAlive() && kills < KILLS) {
        Thread.sleep(2_000 + random.nextInt(4_000));
        // A copytruncate waits for the agent: never kill it in that window. Kill soon after instead
        // of skipping the kill (a slow machine waits long and would get fewer than five), once lines
        // flow again, so that the kill does not land on a fully checkpointed file.
        boolean waited = false;
        while (writer.isAlive()) {
          if (writer.rotating.get()) {
            waited = true;
            Thread.sleep(10);
          } else if (waited) {
            waited = false;
            Thread.sleep(200 + random.nextInt(1_300));
          } else {
            break;
          }
        }
        if (!writer.isAlive()) {
          break;
        }
        agent.kill();
        kills++;
        Thread.sleep(random.nextInt(500));
        agent.start();
      }
      writer.allKillsLanded.countDown();
      writer.join(TimeUnit.MINUTES.toMillis(5));
      assertThat(writer.isAlive()).as("writer finished").isFalse();
      assertThat(writer.failure).isNull();
      assertThat(kills).isEqualTo(KILLS);

      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (seen.distinct() < LINES && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      agent.stop();
      collector.finish();
    } finally {
      // A failed assertion must not leave the agent or the writer running after the test.
      agent.destroy();
      if (writer != null) {
        writer.interrupt();
      }
    }

    System.out.printf("torture: %d lines, %d kills, %d rename and %d copytruncate rotations, %d records received,"
            + " %d duplicates, %d corrupt%n", LINES, kills, writer.renames, writer.truncations, collector.received.get(),
        collector.received.get() - seen.distinct(), collector.corrupt.get());
    assertThat(collector.corrupt.get()).as("corrupt records").isZero();
    assertThat(seen.missing()).as("missing line numbers").isEmpty();
    assertThat(collector.received.get() - seen.distinct())
        .as("duplicates: at most one batch per kill").isLessThanOrEqualTo((long) KILLS * BATCH_MAX_RECORDS);
    assertThat(writer.renames).isPositive();
    assertThat(writer.truncations).isPositive();
  }

  /** {@code bin/pipelens agent}, started and SIGKILLed as a separate process. */
  private final class AgentProcess {
    private final Path config;
    private final int port;
    private final Path logDir;
    private Process process;
    private int starts;

    AgentProcess(Path config, int port, Path logDir) {
      this.config = config;
      this.port = port;
      this.logDir = logDir;
    }

    synchronized void start() throws Exception {
      ProcessBuilder builder = new ProcessBuilder(REPO.resolve("bin/pipelens").toString(), "agent", "--config",
          config.toString());
      builder.environment().put("PIPELENS_NO_BUILD", "1");
      builder.environment().put("JAVA_OPTS", "-Xmx256m");
      builder.redirectErrorStream(true).redirectOutput(logDir.resolve("agent-" + (starts++) + ".log").toFile());
      process = builder.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (bytesBehind() < 0) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("agent did not start; see " + logDir);
        }
        Thread.sleep(50);
      }
    }

    synchronized void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL: no flush, no checkpoint
      process.waitFor(10, TimeUnit.SECONDS);
    }

    synchronized void destroy() {
      if (process != null) {
        process.destroyForcibly();
      }
    }

    synchronized void stop() throws InterruptedException {
      process.destroy();
      process.waitFor(20, TimeUnit.SECONDS);
      process.destroyForcibly();
    }

    /** The agent's unread bytes from /metrics, or -1 while it does not answer. */
    long bytesBehind() {
      try {
        HttpResponse<String> metrics = http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(2))
                .build(), HttpResponse.BodyHandlers.ofString());
        long behind = 0;
        for (String line : metrics.body().split("\n")) {
          if (line.startsWith("pipelens_agent_bytes_behind{")) {
            behind += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          }
        }
        return behind;
      } catch (IOException e) {
        return -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
  }

  /**
   * Appends numbered lines, rotating every 50,000: by rename ({@code app.log} to {@code
   * app.log.N}, then a new {@code app.log}) and by copytruncate (copy to {@code copy-N.bak}, then
   * truncate). The agent's glob, {@code app.log*}, matches renamed files, as it must: a file
   * renamed while the agent is down is found again by its identity and read on from its
   * checkpoint. Copies are not matched; they hold lines the agent already shipped. Lines written between the copy and the truncate of a real copytruncate are lost for
   * every agent, so this writer, like a careful operator, only truncates once the agent's
   * checkpoint covers the whole file.
   */
  private static final class Writer extends Thread {
    private final Path file;
    private final Path checkpoints;
    final AtomicBoolean rotating = new AtomicBoolean();
    /** Counted down once every kill landed; until then the last tenth of the lines only trickles. */
    final CountDownLatch allKillsLanded = new CountDownLatch(1);
    volatile Throwable failure;
    int renames;
    int truncations;

    Writer(Path file, Path checkpoints) {
      super("torture-writer");
      this.file = file;
      this.checkpoints = checkpoints;
    }

    @Override
    public void run() {
      try {
        BufferedWriter out = open();
        String payload = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghij";
        long start = System.nanoTime();
        for (int seq = 0; seq < LINES; seq++) {
          out.write("seq=" + String.format("%07d", seq) + " file=app payload=" + payload);
          out.write('\n');
          if (seq % 1000 == 999) {
            out.flush();
            // about 25,000 lines a second, so the kills land while lines are flowing
            long due = start + TimeUnit.MILLISECONDS.toNanos(seq / 25);
            long wait = due - System.nanoTime();
            if (wait > 0) {
              TimeUnit.NANOSECONDS.sleep(wait);
            }
            // On a slow machine the kills fall behind the writer; the lines keep flowing, slowly,
            // so that every kill still lands on a file being written.
            if (seq >= LINES * 9 / 10 && allKillsLanded.getCount() > 0) {
              TimeUnit.MILLISECONDS.sleep(500);
              start = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(seq / 25);
            }
          }
          if (seq % 50_000 == 49_999) {
            out.close();
            if ((renames + truncations) % 2 == 0) {
              Files.move(file, file.resolveSibling("app.log." + renames), StandardCopyOption.ATOMIC_MOVE);
              renames++;
            } else {
              copyTruncate();
              truncations++;
            }
            out = open();
          }
        }
        out.close();
      } catch (Throwable t) {
        failure = t;
      }
    }

    private void copyTruncate() throws Exception {
      rotating.set(true);
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!checkpointed()) {
          if (System.nanoTime() > deadline) {
            throw new AssertionError("the agent never checkpointed the whole file before a copytruncate");
          }
          Thread.sleep(20);
        }
        Files.copy(file, file.resolveSibling("copy-" + truncations + ".bak"), StandardCopyOption.REPLACE_EXISTING);
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
          channel.truncate(0);
        }
      } finally {
        rotating.set(false);
      }
    }

    /** Whether the agent's checkpoint of the file covers all of it: read, shipped and acknowledged. */
    private boolean checkpointed() throws IOException {
      long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
      long size = Files.size(file);
      try {
        for (JsonNode entry : JSON.readTree(checkpoints.toFile()).get("checkpoints")) {
          if (entry.get("inode").asLong() == inode && entry.get("offset").asLong() == size) {
            return true;
          }
        }
      } catch (IOException | NullPointerException e) {
        // not written yet, or replaced while read; look again
      }
      return false;
    }

    private BufferedWriter open() throws IOException {
      return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  /** Which of the written line numbers arrived: the check a {@link TopicLines} applies per body. */
  private static final class SeenLines implements java.util.function.Predicate<String> {
    private final BitSet seen = new BitSet(LINES);

    @Override
    public boolean test(String body) {
      Matcher matcher = LINE.matcher(body);
      if (!matcher.matches()) {
        return false;
      }
      synchronized (seen) {
        seen.set(Integer.parseInt(matcher.group(1)));
      }
      return true;
    }

    int distinct() {
      synchronized (seen) {
        return seen.cardinality();
      }
    }

    List<Integer> missing() {
      List<Integer> missing = new ArrayList<>();
      synchronized (seen) {
        for (int i = seen.nextClearBit(0); i < LINES && missing.size() < 20; i = seen.nextClearBit(i + 1)) {
          missing.add(i);
        }
      }
      return missing;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
