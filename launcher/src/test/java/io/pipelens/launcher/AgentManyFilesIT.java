package io.pipelens.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.testsupport.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent process ({@code bin/pipelens agent}) reads 5,000 files of 3 lines under one {@code **}
 * glob, five times its {@code max_open_files}, half of them created before it starts and half
 * (in new directories) while it runs: all 15,000 lines must reach the real Kafka broker.
 */
class AgentManyFilesIT {

  private static final int DIRECTORIES = 50;
  private static final int FILES_PER_DIRECTORY = 100;
  private static final int LINES_PER_FILE = 3;

  @TempDir Path dir;

  @Test
  void everyLineOfFiveThousandFilesArrives() throws Exception {
    String brokers = TestServers.kafka().bootstrapServers();
    String topic = "many-files-" + System.nanoTime();
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Set<String> expected = new HashSet<>();
    for (int d = 0; d < DIRECTORIES / 2; d++) {
      writeDirectory(logs, d, expected);
    }
    long start = System.nanoTime();
    RunningAgent agent = RunningAgent.start(dir, String.join("\n",
        "data_dir: " + Files.createDirectories(dir.resolve("data")),
        "inputs:",
        "  - name: many",
        "    file:",
        "      paths: [" + logs + "/**/*.log]",
        "      max_open_files: 1000",
        "    stream: business",
        "outputs:",
        "  - kafka:",
        "      brokers: [" + brokers + "]",
        "      topics: {business: " + topic + "}",
        "pipeline: {flush_interval: 50ms}",
        ""), Map.of());
    TopicLines topicLines = new TopicLines(brokers, topic);
    topicLines.start();
    try {
      for (int d = DIRECTORIES / 2; d < DIRECTORIES; d++) {
        writeDirectory(logs, d, expected);
      }
      assertThat(expected).hasSize(DIRECTORIES * FILES_PER_DIRECTORY * LINES_PER_FILE);
      boolean all = topicLines.await(() -> topicLines.bodies.size() >= expected.size(), Duration.ofSeconds(60));
      System.out.printf("many files: %d files, %d of %d lines arrived (%d records received) in %d s%n",
          DIRECTORIES * FILES_PER_DIRECTORY, topicLines.bodies.size(), expected.size(), topicLines.received.get(),
          TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
      assertThat(agent.isAlive()).as("agent output:\n%s", agent.tail()).isTrue();
      assertThat(all).as("all lines arrived; agent output:\n%s", agent.tail()).isTrue();
      assertThat(topicLines.bodies).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(topicLines.corrupt.get()).isZero();
    } finally {
      agent.stop();
      topicLines.finish();
    }
  }

  private static void writeDirectory(Path logs, int d, Set<String> expected) throws IOException {
    Path directory = Files.createDirectories(logs.resolve(String.format("job-%02d/attempt", d)));
    for (int f = 0; f < FILES_PER_DIRECTORY; f++) {
      StringBuilder text = new StringBuilder();
      for (int l = 0; l < LINES_PER_FILE; l++) {
        String line = String.format("dir=%02d file=%03d line=%d", d, f, l);
        expected.add(line);
        text.append(line).append('\n');
      }
      Files.writeString(directory.resolve(String.format("task-%03d.log", f)), text);
    }
  }
}
