package io.pipelens.history.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.core.config.ConfigException;
import io.pipelens.core.config.ConfigLoader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
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
    assertThat(config.abandonedAfter()).isEqualTo(Duration.ofHours(1));
    assertThat(config.cache().maxMemory().bytes())
        .isEqualTo(Runtime.getRuntime().maxMemory() / 4);
  }

  @Test
  void bindsAbandonedAfterAndTheCacheBudget() throws ConfigException {
    HistoryServerConfig config =
        loader.parse(
            "log_directories: [/events]\nabandoned_after: 15m\ncache:\n  max_memory: 2GiB\n",
            "h.yaml",
            HistoryServerConfig.class);

    assertThat(config.abandonedAfter()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.cache().maxMemory().bytes()).isEqualTo(2L << 30);
    assertThatThrownBy(
            () ->
                loader.parse(
                    "log_directories: [/events]\nabandoned_after: 500ms\n",
                    "h.yaml",
                    HistoryServerConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("abandoned_after");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "log_directories: [/events]\ncache:\n  max_memory: 1KiB\n",
                    "h.yaml",
                    HistoryServerConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cache.max_memory");
  }

  @Test
  void bindsTheSnapshotDirectoryAndItsDiskBudget() throws ConfigException {
    HistoryServerConfig none =
        loader.parse("log_directories: [/events]\n", "h.yaml", HistoryServerConfig.class);
    assertThat(none.cache().dir()).as("no snapshots by default").isNull();
    assertThat(none.cache().maxDisk().bytes()).isEqualTo(10L << 30);

    HistoryServerConfig config =
        loader.parse(
            "log_directories: [/events]\ncache:\n  dir: /var/lib/pipelens/history\n"
                + "  max_disk: 2GiB\n",
            "h.yaml",
            HistoryServerConfig.class);
    assertThat(config.cache().dir()).isEqualTo(java.nio.file.Path.of("/var/lib/pipelens/history"));
    assertThat(config.cache().maxDisk().bytes()).isEqualTo(2L << 30);

    assertThatThrownBy(
            () ->
                loader.parse(
                    "log_directories: [/events]\ncache:\n  dir: relative/dir\n",
                    "h.yaml",
                    HistoryServerConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cache.dir")
        .hasMessageContaining("absolute");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "log_directories: [/events]\ncache:\n  dir: /c\n  max_disk: 10KiB\n",
                    "h.yaml",
                    HistoryServerConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cache.max_disk");
  }

  @Test
  void bindsTheLogStoreSectionAndAcceptsExactlyOneStore() throws ConfigException {
    HistoryServerConfig lucene =
        loader.parse(
            "log_directories: [/e]\nlogs:\n  lucene:\n    index_dir: /var/lib/pipelens/collector/index\n",
            "h.yaml",
            HistoryServerConfig.class);
    assertThat(lucene.logs().lucene().indexDir())
        .isEqualTo(java.nio.file.Path.of("/var/lib/pipelens/collector/index"));
    assertThat(lucene.logs().elasticsearch()).isNull();

    HistoryServerConfig elasticsearch =
        loader.parse(
            "log_directories: [/e]\nlogs:\n  elasticsearch:\n    urls: [http://es:9200]\n"
                + "    api_key: abc\n    tls: {insecure_skip_verify: true}\n    index_prefix: qa\n",
            "h.yaml",
            HistoryServerConfig.class);
    assertThat(elasticsearch.logs().elasticsearch().connection().urls()).containsExactly("http://es:9200");
    assertThat(elasticsearch.logs().elasticsearch().indexPrefix()).isEqualTo("qa");
    assertThat(elasticsearch.logs().elasticsearch().tls().insecureSkipVerify()).isTrue();
    assertThat(elasticsearch.logs().describe()).isEqualTo("Elasticsearch at http://es:9200").doesNotContain("abc");

    assertThat(loader.parse("log_directories: [/e]\n", "h.yaml", HistoryServerConfig.class).logs()).isNull();

    assertThatThrownBy(() -> loader.parse("log_directories: [/e]\nlogs: {}\n", "h.yaml", HistoryServerConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("logs.lucene")
        .hasMessageContaining("exactly one");
    assertThatThrownBy(
            () -> loader.parse(
                "log_directories: [/e]\nlogs:\n  lucene: {index_dir: /i}\n  elasticsearch: {urls: [http://es:9200]}\n",
                "h.yaml", HistoryServerConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("exactly one");
    assertThatThrownBy(
            () -> loader.parse("log_directories: [/e]\nlogs:\n  lucene: {index_dir: relative/index}\n",
                "h.yaml", HistoryServerConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("logs.lucene.index_dir");
    assertThatThrownBy(
            () -> loader.parse("log_directories: [/e]\nlogs:\n  elasticsearch: {urls: [ftp://es]}\n",
                "h.yaml", HistoryServerConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("logs.elasticsearch.urls");
    assertThatThrownBy(
            () -> loader.parse("log_directories: [/e]\nlogs:\n  lucene: {index_dri: /i}\n",
                "h.yaml", HistoryServerConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("index_dri");
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
                    "log_directories: [hdfs://namenode/events]\n",
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

  @Test
  void acceptsObjectStoresAndDecodingLimits() throws ConfigException {
    HistoryServerConfig config =
        loader.parse(
            "log_directories: [s3://bucket/spark/events, 'oss://b2/x']\n"
                + "max_decompressed_bytes: 1GiB\n"
                + "max_line_size: 8MiB\n"
                + "s3: {endpoint: 'http://minio:9000', path_style_access: true,"
                + " access_key: ak, secret_key: sk}\n"
                + "oss: {endpoint: 'https://oss-cn-hangzhou.aliyuncs.com', region: oss-cn-hangzhou}\n",
            "h.yaml",
            HistoryServerConfig.class);

    assertThat(config.logDirectories())
        .containsExactly(URI.create("s3://bucket/spark/events"), URI.create("oss://b2/x"));
    assertThat(config.maxDecompressedBytes().bytes()).isEqualTo(1L << 30);
    assertThat(config.maxLineSize().bytes()).isEqualTo(8L << 20);
    assertThat(config.s3().pathStyleAccess()).isTrue();
    assertThat(config.s3().accessKey().value()).isEqualTo("ak");
    assertThat(config.s3().toString()).doesNotContain("sk");
    assertThat(config.oss().region()).isEqualTo("oss-cn-hangzhou");

    HistoryServerConfig defaults = HistoryServerConfig.of(List.of(URI.create("/x")));
    assertThat(defaults.maxDecompressedBytes().bytes()).isEqualTo(20L << 30);
    assertThat(defaults.maxLineSize().bytes()).isEqualTo(64L << 20);
    assertThat(defaults.s3().staticCredentials()).isFalse();
  }

  @Test
  void rejectsIncompleteObjectStoreSettings() {
    assertThatThrownBy(
            () -> loader.parse("log_directories: ['oss://b/x']\n", "h.yaml", HistoryServerConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("oss.endpoint");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "log_directories: ['s3:///no-bucket']\n", "h.yaml", HistoryServerConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bucket");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "log_directories: [/x]\ns3: {access_key: a}\n",
                    "h.yaml",
                    HistoryServerConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("secret_key");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "log_directories: [/x]\nmax_line_size: 1KiB\n",
                    "h.yaml",
                    HistoryServerConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("max_line_size");
  }
}
