package io.pipelens.launcher;

import java.nio.file.Path;
import java.util.List;

/** The demo's own options, after the launcher took the common ones. */
record DemoOptions(Path dataDir, boolean clean, int historyPort, int collectorPort, int agentPort) {

  static final String DEFAULT_DATA_DIR = "demo-data";
  static final int DEFAULT_HISTORY_PORT = 18080;
  static final int DEFAULT_COLLECTOR_PORT = 9401;
  static final int DEFAULT_AGENT_PORT = 9400;

  static DemoOptions parse(List<String> args) throws UsageException {
    Path dataDir = Path.of(DEFAULT_DATA_DIR);
    boolean clean = false;
    int historyPort = DEFAULT_HISTORY_PORT;
    int collectorPort = DEFAULT_COLLECTOR_PORT;
    int agentPort = DEFAULT_AGENT_PORT;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--clean" -> clean = true;
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
        case "--history-port" -> historyPort = port(value(args, ++i, arg), arg);
        case "--collector-port" -> collectorPort = port(value(args, ++i, arg), arg);
        case "--agent-port" -> agentPort = port(value(args, ++i, arg), arg);
        default -> throw new UsageException("unknown option " + arg + "; run 'pipelens demo --help'");
      }
    }
    return new DemoOptions(dataDir, clean, historyPort, collectorPort, agentPort);
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
}
