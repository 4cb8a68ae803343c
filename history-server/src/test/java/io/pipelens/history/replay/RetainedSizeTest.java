package io.pipelens.history.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.history.source.EventLog;
import io.pipelens.history.source.EventLogDiscovery;
import io.pipelens.history.source.LocalEventLogStore;
import io.pipelens.history.testing.SyntheticLogs;
import io.pipelens.history.testing.TestLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openjdk.jol.info.GraphLayout;

/**
 * The memory-budget estimate against the heap a replayed state really retains, measured by JOL's
 * object-graph walk: real Spark logs (1.2, 3.0 with a large environment, 3.3 with SQL) and the same
 * logs with every task repeated to thousands of tasks.
 */
class RetainedSizeTest {

  static {
    // Records (EnvironmentInfo) need JOL's field-offset probe on JDK 17.
    System.setProperty("jol.magicFieldOffset", "true");
  }

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} x{1}")
  @CsvSource({
    "local-1422981780767, 1",
    "local-1422981780767, 200",
    "application_1555004656427_0144, 1",
    "local-1642039451826, 1",
    "local-1642039451826, 200"
  })
  void estimatesTheRetainedHeapWithin25Percent(String name, int copies) throws IOException {
    TestLogs.write(
        dir.resolve(name), SyntheticLogs.repeatTasks(TestLogs.lines(name), copies, 1_000_000));
    LocalEventLogStore store = new LocalEventLogStore(dir);
    EventLog log = new EventLogDiscovery().discover(store).logs().get(0);
    AppState state = new EventLogReplayer().replay(store, log).state();

    long measured = GraphLayout.parseInstance(state).totalSize();
    long estimated = state.estimatedBytes();

    System.out.printf(
        "retained size of %s x%d: measured %d B, estimated %d B (%+.1f%%)%n",
        name, copies, measured, estimated, 100.0 * (estimated - measured) / measured);
    assertThat((double) estimated).isBetween(0.75 * measured, 1.25 * measured);
    if (copies > 1) {
      assertThat(Files.size(dir.resolve(name))).isGreaterThan(1 << 20);
    }
  }
}
