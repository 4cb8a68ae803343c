package io.pipelens.agent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.agent.source.FileInputConfig.Format;
import io.pipelens.agent.source.FileInputConfig.StartAt;
import io.pipelens.core.config.ConfigException;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.config.DataSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputConfigTest {

  private final ConfigLoader loader = ConfigLoader.create(Map.of());

  @Test
  void fileInputBindsSnakeCaseKeysAndAppliesDefaults() throws ConfigException {
    FileInputConfig config =
        loader.parse("paths: [/var/log/spark/**/*.log]\n", "in.yaml", FileInputConfig.class);
    assertThat(config.paths()).containsExactly("/var/log/spark/**/*.log");
    assertThat(config.exclude()).isEmpty();
    assertThat(config.format()).isEqualTo(Format.AUTO);
    assertThat(config.fingerprintBytes()).isEqualTo(DataSize.ofKibibytes(1));
    assertThat(config.rescanInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.maxOpenFiles()).isEqualTo(1024);
    assertThat(config.closeIdleAfter()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.readBufferSize()).isEqualTo(DataSize.ofKibibytes(64));
    assertThat(config.maxLineSize()).isEqualTo(DataSize.ofMebibytes(1));
    assertThat(config.startAt()).isEqualTo(StartAt.BEGINNING);
  }

  @Test
  void fileInputReadsEveryKey() throws ConfigException {
    FileInputConfig config = loader.parse(String.join("\n",
        "paths: [/a/*.log, /b/**]",
        "exclude: [/b/skip/**]",
        "format: cri",
        "fingerprint_bytes: 2KiB",
        "rescan_interval: 500ms",
        "max_open_files: 10",
        "close_idle_after: 1m",
        "read_buffer_size: 16KiB",
        "max_line_size: 256KiB",
        "start_at: end",
        "poll_interval: 400ms", ""), "in.yaml", FileInputConfig.class);
    assertThat(config).isEqualTo(new FileInputConfig(List.of("/a/*.log", "/b/**"),
        List.of("/b/skip/**"), Format.CRI, DataSize.ofKibibytes(2), Duration.ofMillis(500), 10,
        Duration.ofMinutes(1), DataSize.ofKibibytes(16), DataSize.ofKibibytes(256), StartAt.END,
        Duration.ofMillis(400)));
  }

  @Test
  void fileInputRejectsBadValuesNamingTheKey() {
    assertThatThrownBy(() -> loader.parse("exclude: [/x]\n", "in.yaml", FileInputConfig.class))
        .isInstanceOf(ConfigException.class).hasMessageContaining("paths: missing required key");
    assertThatThrownBy(() -> loader.parse("paths: [logs/*.log]\n", "in.yaml",
        FileInputConfig.class))
        .hasMessageContaining("paths: invalid value \"logs/*.log\": must be an absolute path");
    assertThatThrownBy(() -> loader.parse("paths: [\"/l/[ab.log\"]\n", "in.yaml",
        FileInputConfig.class))
        .hasMessageContaining("paths").hasMessageContaining("unclosed [");
    assertThatThrownBy(() -> loader.parse("paths: [/l/*.log]\nmax_open_files: 0\n", "in.yaml",
        FileInputConfig.class)).hasMessageContaining("max_open_files: invalid value 0");
    assertThatThrownBy(() -> loader.parse("paths: [/l/*.log]\nmax_line_size: 1GiB\n", "in.yaml",
        FileInputConfig.class)).hasMessageContaining("max_line_size").hasMessageContaining("256MiB");
    assertThatThrownBy(() -> loader.parse("paths: [/l/*.log]\nformat: json\n", "in.yaml",
        FileInputConfig.class)).hasMessageContaining("format");
    assertThatThrownBy(() -> loader.parse("paths: [/l/*.log]\npoll_interval: 30s\n", "in.yaml",
        FileInputConfig.class))
        .hasMessageContaining("poll_interval: invalid value \"30s\": must be between 1ms and 10s");
  }

  @Test
  void containerInputDefaultsToThePodsDirectoryAndFiltersNamespaces() throws ConfigException {
    ContainerInputConfig defaults = loader.parse("", "c.yaml", ContainerInputConfig.class);
    assertThat(defaults.paths()).containsExactly("/var/log/pods/*/*/*.log");
    assertThat(defaults.format()).isEqualTo(Format.AUTO);
    assertThat(defaults.fileInput().maxLineSize()).isEqualTo(DataSize.ofMebibytes(1));
    assertThat(defaults.fileInput().pollInterval()).isEqualTo(FileInputConfig.DEFAULT_POLL_INTERVAL);
    assertThat(loader.parse("poll_interval: 1s\n", "c.yaml", ContainerInputConfig.class).fileInput()
        .pollInterval()).isEqualTo(Duration.ofSeconds(1));

    ContainerInputConfig filtered = loader.parse(
        "include_namespaces: [spark, ray]\nexclude_namespaces: [ray]\n", "c.yaml",
        ContainerInputConfig.class);
    String pod = "/var/log/pods/%s_driver-0_0f1e2d3c-aaaa-bbbb-cccc-123456789abc/main/0.log";
    assertThat(filtered.accepts(Path.of(pod.formatted("spark")))).isTrue();
    assertThat(filtered.accepts(Path.of(pod.formatted("ray")))).isFalse();
    assertThat(filtered.accepts(Path.of(pod.formatted("default")))).isFalse();
    assertThat(filtered.accepts(Path.of("/var/log/other.log"))).isFalse();
    assertThat(defaults.accepts(Path.of("/var/log/other.log"))).isTrue();
  }

  @Test
  void podLogPathsAreParsed() {
    assertThat(PodLogPath.parse(Path.of(
        "/var/log/pods/spark-jobs_etl-driver-7f9c_0f1e2d3c-aaaa-bbbb-cccc-123456789abc/spark-kubernetes-driver/3.log")))
        .contains(new PodLogPath("spark-jobs", "etl-driver-7f9c",
            "0f1e2d3c-aaaa-bbbb-cccc-123456789abc", "spark-kubernetes-driver", 3));
    assertThat(PodLogPath.parse(Path.of("/mnt/node-logs/ns_pod.with.dots_abc-123/c/0.log")))
        .hasValueSatisfying(p -> assertThat(p.podName()).isEqualTo("pod.with.dots"));
    assertThat(PodLogPath.parse(Path.of("/var/log/pods/no-underscores/c/0.log"))).isEmpty();
    assertThat(PodLogPath.parse(Path.of("/var/log/pods/ns_pod_uid1/c/0.log.20240501-101502")))
        .isEmpty();
    assertThat(PodLogPath.parse(Path.of("/0.log"))).isEmpty();
  }
}
