package io.pipelens.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.runtime.lifecycle.Service;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class AgentFactoryTest {

  @TempDir Path dir;

  @Test
  @Timeout(60)
  void aFileTwoInputsSelectIsShippedOnceByTheFirstOfThem() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    List<String> driver = IntStream.range(0, 1_000).mapToObj(i -> "driver line " + i).toList();
    List<String> app = IntStream.range(0, 300).mapToObj(i -> "app line " + i).toList();
    Files.writeString(logs.resolve("spark-driver.log"), String.join("\n", driver) + "\n");
    Files.writeString(logs.resolve("app.log"), String.join("\n", app) + "\n");
    Path out = dir.resolve("out.ndjson");
    AgentConfig config = ConfigLoader.create(Map.of()).parse(
        "data_dir: " + dir.resolve("data") + "\n"
            + "http: {port: 0}\n"
            + "inputs:\n"
            + "  - {name: spark, file: {paths: [" + logs + "/spark-*.log]}, stream: engine}\n"
            + "  - {name: all, file: {paths: [" + logs + "/*.log]}, stream: business}\n"
            + "outputs: [{file: {path: " + out + "}}]\n",
        "agent.yaml", AgentConfig.class);
    Service agent = new AgentFactory(Map.of()).create(config);
    agent.start();
    List<JsonNode> records;
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      do {
        Thread.sleep(50);
        records = read(out);
      } while (records.size() < driver.size() + app.size() && System.nanoTime() < deadline);
      Thread.sleep(1_500); // a rescan or more: nothing may follow
    } finally {
      agent.stop(Duration.ofSeconds(5));
    }
    records = read(out);

    List<String> driverBodies = new ArrayList<>();
    List<String> appBodies = new ArrayList<>();
    for (JsonNode record : records) {
      String path = record.get("attributes").get("log.file.path").asText();
      String stream = record.get("attributes").get("pipelens.stream").asText();
      if (path.endsWith("spark-driver.log")) {
        assertThat(stream).as("read by the first input, spark").isEqualTo("engine");
        driverBodies.add(record.get("body").asText());
      } else {
        assertThat(stream).isEqualTo("business");
        appBodies.add(record.get("body").asText());
      }
    }
    assertThat(driverBodies).containsExactlyElementsOf(driver);
    assertThat(appBodies).containsExactlyElementsOf(app);
  }

  private static List<JsonNode> read(Path ndjson) throws Exception {
    if (!Files.exists(ndjson)) {
      return List.of();
    }
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(ndjson, StandardCharsets.UTF_8)) {
      if (!line.isEmpty()) {
        records.add(mapper.readTree(line));
      }
    }
    return records;
  }

  @Test
  void podLabelsFromTheEmbeddingProgramExcludeTheKubernetesWatch() throws Exception {
    AgentConfig config = ConfigLoader.create(Map.of()).parse("""
        data_dir: /tmp/pipelens-agent-factory-test
        http: {port: 0}
        inputs: [{file: {paths: [/tmp/pipelens-agent-factory-test/*.log]}}]
        outputs: [{stdout: {}}]
        enrichment: {kubernetes: {enabled: true, node_name: node-a}}
        """, "agent.yaml", AgentConfig.class);
    AgentFactory embedded = new AgentFactory(Map.of(), uid -> Map.of());
    assertThatThrownBy(() -> embedded.create(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("enrichment.kubernetes.enabled");
  }
}
