package io.pipelens.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A configuration shaped like the agent's, so these tests exercise nesting, lists, every value type
 * and validation without depending on a component module.
 */
record AgentLikeConfig(
    Path dataDir,
    Http http,
    List<Input> inputs,
    List<Output> outputs,
    Duration flushInterval,
    DataSize maxBatchSize,
    Boolean enabled,
    Double sampleRatio,
    Map<String, String> labels) {

  static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/pipelens");

  AgentLikeConfig {
    dataDir = dataDir != null ? dataDir : DEFAULT_DATA_DIR;
    http = http != null ? http : new Http(null, null);
    inputs = inputs != null ? List.copyOf(inputs) : List.of();
    outputs = outputs != null ? List.copyOf(outputs) : List.of();
    flushInterval = flushInterval != null ? flushInterval : Duration.ofSeconds(5);
    Checks.positive("flush_interval", flushInterval);
    maxBatchSize = maxBatchSize != null ? maxBatchSize : DataSize.ofMebibytes(1);
    enabled = enabled != null ? enabled : true;
    sampleRatio = sampleRatio != null ? sampleRatio : 1.0;
    // The three-argument form: the loader shows the value from the file.
    Checks.require(sampleRatio >= 0 && sampleRatio <= 1, "sample_ratio", "must be between 0 and 1");
    labels = labels != null ? Map.copyOf(labels) : Map.of();
  }

  record Http(String host, Integer port) {
    Http {
      host = host != null ? host : "0.0.0.0";
      port = port != null ? port : 9400;
      Checks.inRange("port", port, 0, 65535);
    }
  }

  record Input(List<String> paths, List<String> exclude, Stream stream) {
    Input {
      Checks.notEmpty("paths", paths);
      exclude = exclude != null ? List.copyOf(exclude) : List.of();
      stream = stream != null ? stream : Stream.EVENT;
    }
  }

  enum Stream { EVENT, ENGINE, BUSINESS }

  record Output(String name, Kafka kafka) {
    Output {
      Checks.required("kafka", kafka);
    }
  }

  record Kafka(
      String bootstrapServers, String topic, String acks, Secret password, Integer retries,
      Duration requestTimeout) {
    Kafka {
      Checks.required("bootstrap_servers", bootstrapServers);
      Checks.required("topic", topic);
      acks = acks != null ? acks : "all";
      Checks.oneOf("acks", acks, "all", "0", "1");
      retries = retries != null ? retries : 3;
      Checks.inRange("retries", retries, 0, 100);
      requestTimeout = requestTimeout != null ? requestTimeout : Duration.ofSeconds(30);
      // Names a secret without passing it: the loader must not show it.
      Checks.require(password == null || password.value().length() >= 8, "password",
          "must be at least 8 characters");
    }
  }
}
