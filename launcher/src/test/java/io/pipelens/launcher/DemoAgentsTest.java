package io.pipelens.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.agent.app.AgentConfig;
import io.pipelens.agent.app.AgentFactory;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.LogRecord;
import io.pipelens.launcher.demo.FleetPace;
import io.pipelens.launcher.demo.SyntheticFleet;
import io.pipelens.runtime.channel.Delivery;
import io.pipelens.runtime.channel.RecordChannel;
import io.pipelens.runtime.lifecycle.Service;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's two agents, with the demo's own configuration, on the synthetic fleet: what the fleet
 * writes parses with the agent's parsers, and every record carries what the pods' labels and the
 * agents' configuration say. The records are taken from the demo's channel as the collector would.
 */
class DemoAgentsTest {

  @TempDir
  Path dir;

  private static String string(AnyValue value) {
    return value instanceof AnyValue.StringValue s ? s.value() : String.valueOf(value);
  }

  @Test
  void everyRecordParsesAndCarriesItsPodTeamAndApplication() throws Exception {
    DemoOptions options = DemoOptions.parse(List.of("--data-dir", dir.toString(), "--agent-port", "0",
        "--serverless-agent-port", "0"));
    SyntheticFleet fleet = new SyntheticFleet(dir.resolve("fleet"), Clock.systemUTC(),
        new FleetPace(Duration.ofHours(1), Duration.ofHours(1), 1 << 20));
    DemoConfigs configs = new DemoConfigs(options, fleet, Map.of());
    ConfigLoader loader = ConfigLoader.create(Map.of());
    AgentFactory fixed = new AgentFactory(Map.of(), fleet::labels);
    AgentFactory serverless = new AgentFactory(configs.serverlessAgentEnvironment(), fleet::labels);
    Service fixedAgent = fixed.create(loader.parse(configs.fixedAgent(), "fixed agent", AgentConfig.class));
    Service serverlessAgent = serverless.create(loader.parse(configs.serverlessAgent(), "serverless agent",
        AgentConfig.class));

    RecordChannel.Receiver collector = RecordChannel.named(DemoConfigs.CHANNEL).receiver();
    List<LogRecord> records = new ArrayList<>();
    fleet.start();
    fixedAgent.start();
    serverlessAgent.start();
    try {
      long quietSince = System.nanoTime();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(3) && System.nanoTime() < deadline) {
        Delivery delivery = collector.poll(Duration.ofMillis(200));
        if (delivery != null) {
          records.addAll(delivery.records());
          delivery.acknowledge();
          quietSince = System.nanoTime();
        }
      }
    } finally {
      fleet.stop(Duration.ofSeconds(5));
      serverlessAgent.stop(Duration.ofSeconds(5));
      fixedAgent.stop(Duration.ofSeconds(5));
      collector.close();
    }

    List<LogRecord> engine = records.stream().filter(r -> "engine".equals(r.attributes().getString("pipelens.stream"))).toList();
    List<LogRecord> business = records.stream().filter(r -> "business".equals(r.attributes().getString("pipelens.stream"))).toList();
    List<LogRecord> events = records.stream().filter(r -> "event".equals(r.attributes().getString("pipelens.stream"))).toList();
    assertThat(engine.size()).isGreaterThan(500);
    assertThat(business.size()).isGreaterThan(50);
    // Every line of every finished event log, and the running one's first lines, one record each.
    int expectedEvents = fleet.apps().stream().mapToInt(app -> app.running() ? 14 : app.log().lines().size()).sum();
    assertThat(events.size()).isEqualTo(expectedEvents);
    assertThat(events).allSatisfy(r -> assertThat(r.resource().getString("spark.app.id")).isNotNull());

    // Parsed: every engine and business record has its level and time from the line itself.
    assertThat(records.stream().filter(r -> !"event".equals(r.attributes().getString("pipelens.stream"))))
        .allSatisfy(r -> {
          assertThat(r.severityText()).as(string(r.body())).isNotEmpty();
          assertThat(r.timestampNanos()).as(string(r.body())).isPositive();
        });
    List<LogRecord> spark = engine.stream().filter(r -> r.resource().getString("spark.app.id") != null).toList();
    assertThat(spark).allSatisfy(r -> assertThat(r.attributes().getString("log.logger")).isNotNull());

    // A failed task's exception: one record on executor 2, its stack trace joined to it.
    LogRecord failure = engine.stream()
        .filter(r -> string(r.body()).startsWith("Exception in task") && "2".equals(r.resource().getString("spark.executor.id")))
        .findFirst().orElseThrow();
    assertThat(string(failure.body())).contains("java.lang.RuntimeException: bad exec\n\tat $line16.");
    assertThat(failure.severityText()).isEqualTo("ERROR");
    assertThat(failure.resource().getString("spark.app.id")).isEqualTo("app-20161115172038-0000");
    assertThat(failure.resource().getString("pipelens.team")).isEqualTo("search-data");
    assertThat(failure.resource().getString("pipelens.priority")).isEqualTo("high");
    assertThat(failure.resource().getString("pipelens.compute.type")).isEqualTo("fixed");
    assertThat(failure.resource().getString("k8s.pod.name")).isEqualTo("text-dedup-minhash-exec-2");

    // The serverless Ray head: Ray's own layout, the sidecar's pod, the job from the worker's file name.
    List<LogRecord> ray = records.stream().filter(r -> "laion-dedup".equals(r.resource().getString("ray.cluster.name"))).toList();
    assertThat(ray).isNotEmpty().allSatisfy(r -> {
      assertThat(r.resource().getString("pipelens.compute.type")).isEqualTo("serverless");
      assertThat(r.resource().getString("pipelens.team")).isEqualTo("vision-data");
      assertThat(r.resource().getString("k8s.pod.name")).isEqualTo(fleet.rayHead().name());
    });
    LogRecord traceback = ray.stream().filter(r -> string(r.body()).contains("Traceback")).findFirst().orElseThrow();
    assertThat(string(traceback.body())).endsWith("OSError: image file is truncated (3 bytes not processed)");
    assertThat(traceback.attributes().getString("ray.job.id")).isEqualTo("01000000");
  }
}
