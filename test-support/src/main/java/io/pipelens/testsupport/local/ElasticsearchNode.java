package io.pipelens.testsupport.local;

import io.pipelens.testsupport.internal.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Elasticsearch node's files and command line: its own config copy, data, logs and temp
 * directories in a {@link RunDirectory}, and two ports fixed for its lifetime, so a restart comes
 * back at the same address with the same data.
 */
final class ElasticsearchNode {

  private static final String CLUSTER_NAME = "pipelens-test";

  private final ElasticsearchDistribution distribution;
  private final Path directory;
  private final boolean unprivileged;
  private final int httpPort;
  private final int transportPort;

  private ElasticsearchNode(
      ElasticsearchDistribution distribution,
      Path directory,
      boolean unprivileged,
      int httpPort,
      int transportPort) {
    this.distribution = distribution;
    this.directory = directory;
    this.unprivileged = unprivileged;
    this.httpPort = httpPort;
    this.transportPort = transportPort;
  }

  /**
   * Lays out a fresh node directory. Config is copied rather than shared with the distribution
   * because the first start writes {@code elasticsearch.keystore} into it, so the server user must
   * own it, and JVMs running side by side must not share it.
   */
  static ElasticsearchNode create(ElasticsearchDistribution distribution, boolean unprivileged)
      throws IOException {
    Path directory = RunDirectory.claim(distribution.workspace(), "elasticsearch-node");
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    DirectoryTrees.copy(distribution.home().resolve("config"), directory.resolve("config"));
    Path serverOwned = Files.createDirectories(directory.resolve("server"));
    for (String name : List.of("data", "logs", "tmp")) {
      Files.createDirectories(serverOwned.resolve(name));
    }
    if (unprivileged) {
      UnprivilegedUser.takeOwnership(directory.resolve("config"));
      UnprivilegedUser.takeOwnership(serverOwned);
    }
    List<Integer> ports = FreePorts.pick(2);
    return new ElasticsearchNode(distribution, directory, unprivileged, ports.get(0), ports.get(1));
  }

  URI httpUri() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  String version() {
    return distribution.version();
  }

  /** Where the launcher's stdout and stderr go: startup failures show up here first. */
  Path consoleLog() {
    return directory.resolve("console.log");
  }

  /** The server's own log file. */
  Path serverLog() {
    return directory.resolve("server/logs/" + CLUSTER_NAME + ".log");
  }

  /** The command that starts this node in the foreground. */
  ProcessBuilder command() {
    Path server = directory.resolve("server");
    List<String> command = new ArrayList<>();
    if (unprivileged) {
      command.addAll(UnprivilegedUser.commandPrefix());
    }
    command.add(distribution.home().resolve("bin/elasticsearch").toString());
    setting(command, "cluster.name", CLUSTER_NAME);
    setting(command, "discovery.type", "single-node");
    setting(command, "xpack.security.enabled", "false");
    setting(command, "http.host", "127.0.0.1");
    setting(command, "http.port", Integer.toString(httpPort));
    setting(command, "transport.host", "127.0.0.1");
    setting(command, "transport.port", Integer.toString(transportPort));
    setting(command, "path.data", server.resolve("data").toString());
    setting(command, "path.logs", server.resolve("logs").toString());
    // A nearly full build disk would otherwise make indices read-only mid-test.
    setting(command, "cluster.routing.allocation.disk.threshold_enabled", "false");
    // Lets tests clean up with wildcard deletes such as DELETE /test-*.
    setting(command, "action.destructive_requires_name", "false");
    // Not set: ingest.geoip.downloader.enabled. The integ-test zip has no ingest-geoip module, so
    // it neither downloads anything nor knows the setting, and an unknown setting stops the node.

    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    Map<String, String> environment = builder.environment();
    // The launcher scripts use ES_JAVA_HOME and warn about JAVA_HOME; the integ-test zip has no
    // bundled JDK, so run it on this JVM's Java.
    environment.remove("JAVA_HOME");
    environment.put("ES_JAVA_HOME", System.getProperty("java.home"));
    environment.put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
    environment.put("ES_PATH_CONF", directory.resolve("config").toString());
    // Without both, every start leaves elasticsearch-* and final-flags* behind in /tmp.
    environment.put("ES_TMPDIR", server.resolve("tmp").toString());
    environment.put("CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + server.resolve("tmp"));
    return builder;
  }

  private static void setting(List<String> command, String name, String value) {
    command.add("-E");
    command.add(name + "=" + value);
  }
}
