package io.pipelens.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TextLayoutTest {

  private final TextLayout layout = new TextLayout();

  @Test
  void writesTimestampPaddedLevelThreadLoggerAndMessage() {
    String line = layout.doLayout(LogEventsFixture.event(Level.INFO, "started", null, Map.of()));

    assertThat(line).isEqualTo(
        "2026-11-28T10:00:00.123Z INFO  [pipelens-agent-1-reader] io.pipelens.agent.FileSource - started\n");
  }

  @Test
  void appendsContextAndTheStackTraceOnFollowingLines() {
    String text = layout.doLayout(LogEventsFixture.event(Level.ERROR, "flush failed",
        new IllegalStateException("disk full"), new TreeMap<>(Map.of("pod", "p1", "app_id", "a1"))));

    assertThat(text).startsWith("2026-11-28T10:00:00.123Z ERROR [pipelens-agent-1-reader] "
        + "io.pipelens.agent.FileSource - flush failed {app_id=a1, pod=p1}\n"
        + "java.lang.IllegalStateException: disk full\n\tat ");
    assertThat(text).endsWith("\n").doesNotEndWith("\n\n");
  }
}
