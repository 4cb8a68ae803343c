package io.pipelens.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent process ({@code bin/pipelens agent}) with a 128 MiB heap ({@code JAVA_OPTS=-Xmx128m})
 * meets a 100 MiB line, written while it reads: it emits exactly one record, cut to {@code
 * max_line_size} (1 MiB by default) and marked {@code log.truncated}, skips the rest without
 * holding it, reads the next line, and stays up. The file output (NDJSON) is enough here: the test
 * is about reading.
 */
class AgentLimitsIT {

  private static final int MAX_LINE_SIZE = 1024 * 1024;
  private static final long LONG_LINE = 100L * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aHundredMebibyteLineBecomesOneTruncatedRecordInASmallHeap() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path out = dir.resolve("out.ndjson");
    Path log = logs.resolve("app.log");
    Files.writeString(log, "before the long line\n");
    RunningAgent agent = RunningAgent.start(dir, String.join("\n",
        "data_dir: " + Files.createDirectories(dir.resolve("data")),
        "inputs:",
        "  - name: app",
        "    file: {paths: [" + logs + "/*.log]}",
        "outputs:",
        "  - file: {path: " + out + "}",
        "pipeline: {flush_interval: 50ms}",
        ""), Map.of("JAVA_OPTS", "-Xmx128m"));
    long start = System.nanoTime();
    try {
      awaitRecords(out, 1, Duration.ofSeconds(20));
      byte[] chunk = new byte[1024 * 1024];
      Arrays.fill(chunk, (byte) 'x');
      try (OutputStream stream = Files.newOutputStream(log, StandardOpenOption.APPEND)) {
        for (long written = 0; written < LONG_LINE; written += chunk.length) {
          stream.write(chunk);
          if (written % (16L * chunk.length) == 0) {
            stream.flush();
            Thread.sleep(20); // the agent reads while the line grows
          }
        }
        stream.write("\nafter the long line\n".getBytes(StandardCharsets.UTF_8));
      }
      List<JsonNode> records = awaitRecords(out, 3, Duration.ofSeconds(40));
      Thread.sleep(500); // anything more would show up now
      records = readRecords(out);
      boolean alive = agent.isAlive();
      double heapMax = heapMax(agent);
      System.out.printf("limits: %d records, agent alive %s, heap max %.0f MiB, %d s%n", records.size(), alive,
          heapMax / 1024 / 1024, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));

      assertThat(heapMax).as("the agent ran with -Xmx128m").isPositive().isLessThanOrEqualTo(128.0 * 1024 * 1024);
      assertThat(alive).as("the agent survived; output:\n%s", agent.tail()).isTrue();
      assertThat(records).as("before, the cut line, after").hasSize(3);
      assertThat(records.get(0).get("body").asText()).isEqualTo("before the long line");
      JsonNode cut = records.get(1);
      assertThat(cut.get("attributes").get("log.truncated").asBoolean()).isTrue();
      assertThat(cut.get("body").asText()).hasSize(MAX_LINE_SIZE).matches("x+");
      assertThat(records.get(2).get("body").asText()).isEqualTo("after the long line");
      assertThat(records.get(2).get("attributes").has("log.truncated")).isFalse();
      assertThat(agent.metric("pipelens_agent_truncated_records_total")).isEqualTo(1);
      assertThat(Files.readString(agent.log())).doesNotContain("OutOfMemoryError");
    } finally {
      agent.stop();
    }
  }

  /** The agent's maximum heap: the sum of its heap pools' maximums. */
  private static double heapMax(RunningAgent agent) {
    String metrics = agent.metrics();
    double sum = 0;
    for (String line : metrics == null ? new String[0] : metrics.split("\n")) {
      if (line.startsWith("jvm_memory_max_bytes{") && line.contains("area=\"heap\"")) {
        double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        sum += Math.max(0, value);
      }
    }
    return sum;
  }

  private static List<JsonNode> awaitRecords(Path out, int count, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<JsonNode> records = readRecords(out);
    while (records.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + count + " records in " + out + ", found " + records.size());
      }
      Thread.sleep(100);
      records = readRecords(out);
    }
    return records;
  }

  private static List<JsonNode> readRecords(Path out) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    if (!Files.exists(out)) {
      return records;
    }
    try (BufferedReader reader = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          try {
            records.add(JSON.readTree(line));
          } catch (IOException e) {
            break; // a line being written
          }
        }
      }
    }
    return records;
  }
}
