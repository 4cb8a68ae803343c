package io.pipelens.history.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.core.config.ConfigException;
import io.pipelens.core.config.ConfigLoader;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryServerConfigTest {

  private final ConfigLoader loader = ConfigLoader.create(Map.of());

  @Test
  void bindsSnakeCaseKeysAndAppliesDefaults() throws ConfigException {
    HistoryServerConfig config =
        loader.parse(
            "log_directories:\n  - file:///var/log/spark-events\n  - /mnt/more-events\n",
            "history.yaml",
            HistoryServerConfig.class);

    assertThat(config.logDirectories())
        .containsExactly(
            URI.create("file:///var/log/spark-events"), URI.create("/mnt/more-events"));
    assertThat(config.scanInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.http().port()).isEqualTo(18080);
    assertThat(config.http().host()).isEqualTo("0.0.0.0");
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.logging()).isNotNull();
  }

  @Test
  void theShippedExampleLoads() throws ConfigException {
    HistoryServerConfig config =
        loader.parse(
            new HistoryServerFactory().exampleConfig(), "example", HistoryServerConfig.class);

    assertThat(config.logDirectories()).containsExactly(URI.create("file:///var/log/spark-events"));
    assertThat(config.scanInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.http().port()).isEqualTo(HistoryServerConfig.DEFAULT_PORT);
  }

  @Test
  void rejectsWhatItCannotServe() {
    assertThatThrownBy(
            () -> loader.parse("scan_interval: 5s\n", "h.yaml", HistoryServerConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("log_directories");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "log_directories: [s3a://bucket/events]\n",
                    "h.yaml",
                    HistoryServerConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("log_directories")
        .hasMessageContaining("only file: URIs");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "log_directories: ['file://host/events']\n",
                    "h.yaml",
                    HistoryServerConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("absolute path and no host");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "log_directories: [/events]\nscan_interval: 0s\n",
                    "h.yaml",
                    HistoryServerConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("scan_interval");
  }
}
