package io.pipelens.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.testsupport.KafkaServer;
import io.pipelens.testsupport.TestServers;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent process ({@code bin/pipelens agent}) rides out a Kafka outage: while a writer appends
 * numbered lines, the real broker ({@link TestServers#kafka()}) is stopped for 30 s and started
 * again on the same address. The agent is not restarted; every line, those written before, during
 * and after the outage, must reach the topic.
 */
class AgentKafkaOutageIT {

  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final int LINES_PER_SECOND = 100;
  private static final Duration WRITING = Duration.ofSeconds(40);

  @TempDir Path dir;

  @Test
  void everyLineArrivesAfterTheBrokerComesBack() throws Exception {
    KafkaServer kafka = TestServers.kafka();
    String brokers = kafka.bootstrapServers();
    String topic = "outage-" + System.nanoTime();
    Path logs = Files.createDirectories(dir.resolve("logs"));
    RunningAgent agent = RunningAgent.start(dir, String.join("\n",
        "data_dir: " + Files.createDirectories(dir.resolve("data")),
        "inputs:",
        "  - name: app",
        "    file: {paths: [" + logs + "/app.log]}",
        "    stream: business",
        "outputs:",
        "  - kafka:",
        "      brokers: [" + brokers + "]",
        "      topics: {business: " + topic + "}",
        "      linger: 20ms",
        "pipeline: {flush_interval: 50ms}",
        ""), Map.of());
    long pid = agent.pid();
    TopicLines topicLines = new TopicLines(brokers, topic);
    topicLines.start();
    Writer writer = new Writer(logs.resolve("app.log"));
    writer.start();
    long start = System.nanoTime();
    int beforeOutage;
    int writtenDuringOutage;
    try {
      assertThat(topicLines.await(() -> topicLines.bodies.size() >= 100, Duration.ofSeconds(20)))
          .as("lines arrive before the outage; agent output:\n%s", agent.tail()).isTrue();
      beforeOutage = topicLines.bodies.size();
      kafka.stop();
      int writtenAtStop = writer.written.get();
      Thread.sleep(OUTAGE.toMillis());
      writtenDuringOutage = writer.written.get() - writtenAtStop;
    } finally {
      kafka.start(); // other tests in this JVM share the broker
    }
    System.out.printf("outage: broker back after %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
    writer.join(WRITING.toMillis() + 10_000);
    assertThat(writer.failure).isNull();
    int lines = writer.written.get();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      expected.add(Writer.line(i));
    }
    boolean all = topicLines.await(() -> topicLines.bodies.size() >= lines, Duration.ofSeconds(45));
    double sendRetries = agent.metric("pipelens_agent_output_retries_total");
    boolean alive = agent.isAlive();
    agent.stop();
    topicLines.finish();

    System.out.printf("outage: %d lines written (%d during the outage), %d before the outage arrived,"
            + " %d distinct arrived, %d records received, %s retries, total %d s%n",
        lines, writtenDuringOutage, beforeOutage, topicLines.bodies.size(), topicLines.received.get(), sendRetries,
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
    assertThat(writtenDuringOutage).as("lines written while the broker was down").isGreaterThan(2000);
    assertThat(alive).as("the agent process never stopped; output:\n%s", agent.tail()).isTrue();
    assertThat(agent.pid()).isEqualTo(pid);
    assertThat(topicLines.corrupt.get()).isZero();
    assertThat(all).as("every line arrived").isTrue();
    assertThat(topicLines.bodies).containsAll(expected);
  }

  /** Appends {@value #LINES_PER_SECOND} numbered lines a second for {@link #WRITING}. */
  private static final class Writer extends Thread {
    private final Path file;
    final AtomicInteger written = new AtomicInteger();
    volatile Throwable failure;

    Writer(Path file) {
      super("outage-writer");
      this.file = file;
    }

    static String line(int n) {
      return String.format("outage line %06d", n);
    }

    @Override
    public void run() {
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND)) {
        long start = System.nanoTime();
        int total = (int) (WRITING.toSeconds() * LINES_PER_SECOND);
        for (int n = 0; n < total; n++) {
          out.write(line(n));
          out.write('\n');
          if (n % 10 == 9) {
            out.flush();
            written.set(n + 1);
            long due = start + TimeUnit.SECONDS.toNanos(1) * (n + 1) / LINES_PER_SECOND;
            long wait = due - System.nanoTime();
            if (wait > 0) {
              TimeUnit.NANOSECONDS.sleep(wait);
            }
          }
        }
        out.flush();
        written.set(total);
      } catch (Throwable t) {
        failure = t;
      }
    }
  }
}
