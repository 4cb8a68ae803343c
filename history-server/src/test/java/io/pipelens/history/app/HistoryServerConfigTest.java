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
  void bindsAuthAndAcls(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    String hash =
        io.pipelens.history.access.PasswordHash.create(
                "pw".toCharArray(), io.pipelens.history.access.PasswordHash.MIN_ITERATIONS)
            .text();
    java.nio.file.Path users = dir.resolve("users");
    java.nio.file.Files.writeString(users, "# comment\n\nbob:" + hash + "\n");
    HistoryServerConfig config =
        loader.parse(
            "log_directories: [/events]\n"
                + "auth:\n"
                + "  trusted_header: X-Forwarded-User\n"
                + "  groups_header: X-Forwarded-Groups\n"
                + "  trusted_proxies: [127.0.0.1, 10.0.0.0/8]\n"
                + "  basic:\n"
                + "    users_file: " + users + "\n"
                + "    users:\n"
                + "      alice: '" + hash + "'\n"
                + "  groups:\n"
                + "    data-eng: [alice]\n"
                + "acls:\n"
                + "  enabled: true\n"
                + "  admin_users: [ops]\n"
                + "  admin_groups: [sre]\n",
            "h.yaml",
            HistoryServerConfig.class);

    assertThat(config.auth().trustedHeader()).isEqualTo("X-Forwarded-User");
    assertThat(config.auth().trustedProxies()).containsExactly("127.0.0.1", "10.0.0.0/8");
    assertThat(config.auth().basic().realm()).isEqualTo("pipelens history server");
    assertThat(config.auth().basic().hashes()).containsOnlyKeys("alice", "bob");
    assertThat(config.auth().basic().users().get("alice").toString()).isEqualTo("[hidden]");
    assertThat(config.auth().groups()).containsEntry("data-eng", List.of("alice"));
    assertThat(config.acls().enabled()).isTrue();
    assertThat(config.acls().adminUsers()).containsExactly("ops");
    assertThat(config.acls().adminGroups()).containsExactly("sre");

    HistoryServerConfig defaults = loader.parse("log_directories: [/events]\n", "h.yaml",
        HistoryServerConfig.class);
    assertThat(defaults.acls().enabled()).isFalse();
    assertThat(defaults.auth().identifiesUsers()).isFalse();
  }

  @Test
  void rejectsAuthAndAclsThatCannotWork(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path badFile = dir.resolve("users");
    java.nio.file.Files.writeString(badFile, "alice:pbkdf2-sha256$10000$c2FsdHNhbHQ=$QUFB\n");
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("acls: {enabled: true}\n", "acls.enabled|needs auth.trusted_header or auth.basic");
    cases.put("auth: {trusted_header: X-User}\n", "auth.trusted_proxies|is required with trusted_header");
    cases.put("auth: {trusted_header: X-User, trusted_proxies: [proxy.example.com]}\n",
        "auth.trusted_proxies[0]|not a host name");
    cases.put("auth: {trusted_header: 'X User', trusted_proxies: [127.0.0.1]}\n",
        "auth.trusted_header|must be an HTTP header name");
    cases.put("auth: {trusted_header: Authorization, trusted_proxies: [127.0.0.1]}\n",
        "auth.trusted_header|must not be Authorization");
    cases.put("auth: {groups_header: X-Groups}\n", "auth.groups_header|needs trusted_header");
    cases.put("auth: {trusted_proxies: [127.0.0.1]}\n", "auth.trusted_proxies|needs trusted_header");
    cases.put("auth: {basic: {users: {alice: plaintext}}}\n",
        "auth.basic.users.alice|must be pbkdf2-sha256$");
    cases.put("auth: {basic: {}}\n", "auth.basic.users|set users or users_file");
    cases.put("auth: {basic: {users: {alice: }}}\n", "auth.basic.users.alice|expected a string, got null");
    cases.put("auth:\n  trusted_header: X-User\n  trusted_proxies: [127.0.0.1]\n  groups:\n    eng:\n",
        "auth.groups.eng|expected a list, got null");
    cases.put("auth: {basic: {users_file: relative/users}}\n", "auth.basic.users_file|must be an absolute path");
    cases.put("auth: {basic: {users_file: " + badFile + "}}\n",
        "auth.basic.users_file|line 1 (alice): needs a salt of 8 bytes or more and a hash of 16 to 64");
    cases.put("auth: {basic: {users_file: " + dir.resolve("missing") + "}}\n", "auth.basic.users_file|does not exist");
    String hash = io.pipelens.history.access.PasswordHash.create(
        "pw".toCharArray(), io.pipelens.history.access.PasswordHash.MIN_ITERATIONS).text();
    java.nio.file.Path twice = dir.resolve("twice");
    java.nio.file.Files.writeString(twice, "alice:" + hash + "\n");
    cases.put("auth: {basic: {users_file: " + twice + ", users: {alice: '" + hash + "'}}}\n",
        "auth.basic.users_file|user alice is also set in users");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      assertThatThrownBy(
              () -> loader.parse("log_directories: [/events]\n" + c.getKey(), "h.yaml",
                  HistoryServerConfig.class))
          .as(c.getKey())
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("h.yaml")
          .hasMessageContaining(c.getValue().split("\\|")[0] + ":")
          .hasMessageContaining(c.getValue().split("\\|")[1])
          .hasMessageNotContaining("plaintext");
    }
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
