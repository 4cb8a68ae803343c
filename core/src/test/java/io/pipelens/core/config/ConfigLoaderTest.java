package io.pipelens.core.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipelens.core.config.AgentLikeConfig.Http;
import io.pipelens.core.config.AgentLikeConfig.Input;
import io.pipelens.core.config.AgentLikeConfig.Kafka;
import io.pipelens.core.config.AgentLikeConfig.Output;
import io.pipelens.core.config.AgentLikeConfig.Stream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final Map<String, String> ENV = Map.of(
      "KAFKA_HOST", "kafka.internal",
      "KAFKA_PASSWORD", "0042004200",
      "HTTP_PORT", "8080");

  @TempDir Path dir;

  private final ConfigLoader loader = ConfigLoader.create(ENV);

  @Test
  void loadsEveryKindOfValueFromAFile() throws Exception {
    AgentLikeConfig config = loader.load(resource("/config/agent-like.yaml"), AgentLikeConfig.class);

    assertThat(config.dataDir()).isEqualTo(Path.of("/data/pipelens"));
    assertThat(config.http()).isEqualTo(new Http("127.0.0.1", 8080));
    assertThat(config.inputs()).containsExactly(
        new Input(List.of("/var/log/spark/*.log", "/var/log/ray/*.log"), List.of("*.gz"), Stream.ENGINE),
        new Input(List.of("/var/log/app/events.jsonl"), List.of(), Stream.EVENT));
    assertThat(config.outputs()).containsExactly(new Output("primary", new Kafka(
        "kafka.internal:9092", "pipelens.events", "1", Secret.of("0042004200"), 5, Duration.ofSeconds(45))));
    assertThat(config.flushInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.maxBatchSize()).isEqualTo(DataSize.ofMebibytes(4));
    assertThat(config.enabled()).isTrue();
    assertThat(config.sampleRatio()).isEqualTo(0.25);
    assertThat(config.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("cluster", "dev", "version", "1.10"));
  }

  @Test
  void emptyDocumentsGiveAllDefaults() throws Exception {
    AgentLikeConfig defaults = new AgentLikeConfig(null, null, null, null, null, null, null, null, null);

    for (String empty : List.of("", "\n\n", "# nothing configured yet\n", "---\n", "~\n")) {
      assertThat(loader.parse(empty, "agent.yaml", AgentLikeConfig.class)).as(empty).isEqualTo(defaults);
    }
    Path file = Files.writeString(dir.resolve("empty.yaml"), "");
    assertThat(loader.load(file, AgentLikeConfig.class)).isEqualTo(defaults);
    assertThat(defaults.http()).isEqualTo(new Http("0.0.0.0", 9400));
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("agent.yaml");

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file, AgentLikeConfig.class));

    assertThat(e.getMessage()).isEqualTo(file + ": file not found");
    assertThat(e.source()).isEqualTo(file.toString());
    assertThat(e.keyPath()).isEmpty();
    assertThat(e.reason()).isEqualTo("file not found");
  }

  @Test
  void directoryInsteadOfAFile() {
    assertThatThrownBy(() -> loader.load(dir, AgentLikeConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessage(dir + ": is a directory, not a configuration file");
  }

  @Test
  void fileThatIsNotUtf8() throws IOException {
    Path file = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});

    assertThatThrownBy(() -> loader.load(file, AgentLikeConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": not valid UTF-8 text");
  }

  @Test
  void fileErrorsNameTheFileAsGiven() throws IOException {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "http:\n  port: abc\n");

    assertThatThrownBy(() -> loader.load(file, AgentLikeConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": http.port: expected an integer, got \"abc\"")
        .satisfies(e -> {
          ConfigException config = (ConfigException) e;
          assertThat(config.keyPath()).isEqualTo("http.port");
          assertThat(config.reason()).isEqualTo("expected an integer, got \"abc\"");
        });
  }

  @Test
  void byteOrderMarkIsIgnored() throws Exception {
    Path file = Files.write(dir.resolve("bom.yaml"), "\uFEFFenabled: false\n".getBytes(UTF_8));

    assertThat(loader.load(file, AgentLikeConfig.class).enabled()).isFalse();
  }

  @Test
  void syntaxErrorLinesCountWindowsLineEndings() {
    assertThatThrownBy(() -> loader.parse("enabled: true\r\nhttp:\r\n  port: 1\r\n  port: 2\r\n", "agent.yaml",
            AgentLikeConfig.class))
        .hasMessage("agent.yaml: http.port: duplicate key at line 4 (first defined at line 3)");
  }

  @Test
  void aMissingPrimitiveIsAMissingRequiredKey() {
    record Retries(int count) {}

    assertThatThrownBy(() -> loader.parse("{}", "r.yaml", Retries.class))
        .hasMessage("r.yaml: count: missing required key");
    assertThatThrownBy(() -> loader.parse("count: ~", "r.yaml", Retries.class))
        .hasMessage("r.yaml: count: expected an integer, got null");
  }

  @Test
  void aConstructorsOwnExceptionIsReportedAtTheRecord() {
    assertThatThrownBy(() -> loader.parse("http:\n  limits: {max: 0}\n", "c.yaml", WithLimits.class))
        .hasMessage("c.yaml: http.limits: Invalid value 0 for max: must be positive");
  }

  record WithLimits(HttpWithLimits http) {}

  record HttpWithLimits(Limits limits) {}

  record Limits(int max) {
    Limits {
      if (max <= 0) {
        throw new IllegalArgumentException("Invalid value " + max + " for max: must be positive");
      }
    }
  }

  @Test
  void aTypeJacksonCannotBindIsAProgrammingError() {
    record WithInstant(Instant at) {}

    assertThatThrownBy(() -> loader.parse("at: now", "c.yaml", WithInstant.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("configuration type cannot be bound: ");
  }

  @Test
  void extraRecordMethodsAreNotKeys() {
    record WithExtras(List<String> names) {
      public List<String> getAll() {
        return names;
      }

      public boolean isEmpty() {
        return names == null;
      }
    }

    assertThatThrownBy(() -> loader.parse("all: [a]", "c.yaml", WithExtras.class))
        .hasMessage("c.yaml: all: unknown key (known keys: names)");
    assertThatThrownBy(() -> loader.parse("empty: true", "c.yaml", WithExtras.class))
        .hasMessage("c.yaml: empty: unknown key (known keys: names)");
    assertThat(ConfigLoader.describe(new WithExtras(List.of("a")))).isEqualTo("names:\n- a");
  }

  @Test
  void enumMapKeysUseTheWireNamesToo() throws Exception {
    record Quotas(Map<Stream, DataSize> perStream) {}

    assertThat(loader.parse("per_stream: {event: 1MiB, business: 512}", "q.yaml", Quotas.class).perStream())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(Stream.EVENT, DataSize.ofMebibytes(1), Stream.BUSINESS, DataSize.ofBytes(512)));
    assertThatThrownBy(() -> loader.parse("per_stream: {EVENT: 1MiB}", "q.yaml", Quotas.class))
        .hasMessage("q.yaml: per_stream.EVENT: unknown key (known keys: event, engine, business)");
  }

  @Test
  void isThreadSafe() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> ports = IntStream.range(0, 200)
          .mapToObj(i -> pool.submit(() -> loader.parse("http:\n  port: " + i + "\n", "c.yaml", AgentLikeConfig.class)
              .http().port()))
          .toList();
      for (int i = 0; i < ports.size(); i++) {
        assertThat(ports.get(i).get()).isEqualTo(i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(ConfigLoaderTest.class.getResource(name).toURI());
  }
}
