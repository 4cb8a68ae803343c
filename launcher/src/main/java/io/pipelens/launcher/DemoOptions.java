package io.pipelens.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's own options, after the launcher took the common ones.
 *
 * @param kafka {@code host:port} of a Kafka broker to use instead of the in-process channel; null
 *     for the channel
 * @param elasticsearch an Elasticsearch URL to index into instead of the embedded Lucene index;
 *     null for Lucene
 * @param objectStore an {@code s3://bucket/prefix} to archive event logs to and replay them from,
 *     instead of {@code <data-dir>/event-archive}; null for the directory
 */
record DemoOptions(
    Path dataDir, boolean clean, int historyPort, int collectorPort, int agentPort, int serverlessAgentPort,
    String kafka, URI elasticsearch, URI objectStore) {

  static final String DEFAULT_DATA_DIR = "demo-data";
  static final int DEFAULT_HISTORY_PORT = 18080;
  static final int DEFAULT_COLLECTOR_PORT = 9401;
  static final int DEFAULT_AGENT_PORT = 9400;
  static final int DEFAULT_SERVERLESS_AGENT_PORT = 9402;

  static DemoOptions parse(List<String> args) throws UsageException {
    Path dataDir = Path.of(DEFAULT_DATA_DIR);
    boolean clean = false;
    int historyPort = DEFAULT_HISTORY_PORT;
    int collectorPort = DEFAULT_COLLECTOR_PORT;
    int agentPort = DEFAULT_AGENT_PORT;
    int serverlessAgentPort = DEFAULT_SERVERLESS_AGENT_PORT;
    String kafka = null;
    URI elasticsearch = null;
    URI objectStore = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--clean" -> clean = true;
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
        case "--history-port" -> historyPort = port(value(args, ++i, arg), arg);
        case "--collector-port" -> collectorPort = port(value(args, ++i, arg), arg);
        case "--agent-port" -> agentPort = port(value(args, ++i, arg), arg);
        case "--serverless-agent-port" -> serverlessAgentPort = port(value(args, ++i, arg), arg);
        case "--with-kafka" -> kafka = hostPort(value(args, ++i, arg), arg);
        case "--with-elasticsearch" -> elasticsearch = uri(value(args, ++i, arg), arg, "http", "https");
        case "--object-store" -> objectStore = uri(value(args, ++i, arg), arg, "s3", "oss");
        default -> throw new UsageException("unknown option " + arg + "; run 'pipelens demo --help'");
      }
    }
    return new DemoOptions(dataDir, clean, historyPort, collectorPort, agentPort, serverlessAgentPort, kafka,
        elasticsearch, objectStore);
  }

  private static String value(List<String> args, int index, String option) throws UsageException {
    if (index >= args.size() || args.get(index).startsWith("--")) {
      throw new UsageException("option " + option + " needs a value");
    }
    return args.get(index);
  }

  private static int port(String value, String option) throws UsageException {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("invalid value \"" + value + "\" for " + option + ": must be a port between 0 and 65535");
  }

  private static String hostPort(String value, String option) throws UsageException {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || !value.substring(colon + 1).matches("\\d{1,5}")
        || !value.substring(0, colon).matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
      throw new UsageException("invalid value \"" + value + "\" for " + option + ": must be HOST:PORT");
    }
    return value;
  }

  private static URI uri(String value, String option, String... schemes) throws UsageException {
    try {
      URI uri = new URI(value);
      if (uri.getHost() != null && List.of(schemes).contains(uri.getScheme())) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw new UsageException("invalid value \"" + value + "\" for " + option + ": must be a "
        + String.join(" or ", schemes.length == 2 && schemes[0].equals("http") ? List.of("http://", "https://")
            : List.of("s3://bucket/prefix", "oss://bucket/prefix")) + " URI");
  }
}
