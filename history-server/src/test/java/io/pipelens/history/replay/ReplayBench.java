package io.pipelens.history.replay;

import io.pipelens.history.source.EventLog;
import io.pipelens.history.source.EventLogDiscovery;
import io.pipelens.history.source.LocalEventLogStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * Times the replay alone, without a server: {@code java -cp pipelens.jar:test-classes
 * io.pipelens.history.replay.ReplayBench DIR [ROUNDS]} replays the one application in DIR ROUNDS
 * times (default 5) and prints, per round, wall-clock seconds, MB/s and the process's CPU-seconds
 * spent in it (all threads, and the calling thread alone), so that two builds can be compared alternately on the same file.
 */
public final class ReplayBench {

  private ReplayBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    LocalEventLogStore store = new LocalEventLogStore(dir);
    List<EventLog> logs = new EventLogDiscovery().discover(store).logs();
    if (logs.size() != 1) {
      throw new IllegalArgumentException("expected one event log in " + dir + ", found " + logs);
    }
    EventLog log = logs.get(0);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    EventLogReplayer replayer = new EventLogReplayer();
    for (int round = 1; round <= rounds; round++) {
      long thread0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      ReplayResult result = replayer.replay(store, log);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      double thread = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - thread0) / 1e9;
      ReplayStats stats = result.stats();
      System.out.printf(
          "round %d: %.3f s, %.1f MB/s, %.2f CPU-s (%.2f in the calling thread); lines %d applied %d skipped %d corrupt %d"
              + " truncated %d; stages %d%n",
          round,
          seconds,
          stats.bytesRead() / 1e6 / seconds,
          cpu,
          thread,
          stats.lines(),
          stats.eventsApplied(),
          stats.eventsSkipped(),
          stats.corruptLines(),
          stats.truncatedLines(),
          result.state().stages().size());
    }
  }
}
