package io.pipelens.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.agent.source.SourceFile;
import io.pipelens.core.record.AttributeNames;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Container messages keep the runtime's timestamp and stream on the record they start. */
class ContainerLinesTest {

  private static final long T1 = 1_714_566_600_123_456_789L;
  private static final long T2 = 1_714_566_601_000_000_000L;

  private static void message(ProcessorChain chain, SourceFile file, long offset, String text, long time,
      boolean stderr) throws InterruptedException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    chain.containerLine(file, offset, offset + bytes.length + 40, bytes, bytes.length, false, time, stderr);
  }

  @Test
  void aSingleLineRecordTakesItsMessagesTimeAndStream() throws Exception {
    Harness harness = new Harness();
    SourceFile file = Harness.file("/var/log/pods/ns_pod_uid/main/0.log");
    message(harness.chain(), file, 0, "plain line", T1, true);
    message(harness.chain(), file, 100, "next line", T2, false);

    assertThat(harness.emitted).hasSize(2);
    assertThat(harness.emitted.get(0).record().timestampNanos()).isEqualTo(T1);
    assertThat(harness.emitted.get(0).record().attributes().getString(AttributeNames.LOG_IOSTREAM)).isEqualTo("stderr");
    assertThat(harness.emitted.get(1).record().timestampNanos()).isEqualTo(T2);
    assertThat(harness.emitted.get(1).record().attributes().getString(AttributeNames.LOG_IOSTREAM)).isEqualTo("stdout");
  }

  @Test
  void aMultilineRecordTakesItsFirstMessagesTimeAndStream() throws Exception {
    Harness harness = new Harness();
    harness.builder.defaultProcessing(ProcessingConfig.of(io.pipelens.agent.process.Preset.JAVA));
    SourceFile file = Harness.file("/var/log/pods/ns_pod_uid/main/0.log");
    message(harness.chain(), file, 0, "java.lang.IllegalStateException: boom", T1, true);
    message(harness.chain(), file, 100, "\tat a.B.c(B.java:1)", T2, true);
    message(harness.chain(), file, 200, "done", T2, false);
    harness.chain().flushAll();

    assertThat(harness.emitted).hasSize(2);
    assertThat(harness.emitted.get(0).body()).contains("boom", "at a.B.c");
    assertThat(harness.emitted.get(0).record().timestampNanos()).isEqualTo(T1);
    assertThat(harness.emitted.get(0).record().attributes().getString(AttributeNames.LOG_IOSTREAM)).isEqualTo("stderr");
    assertThat(harness.emitted.get(1).record().timestampNanos()).isEqualTo(T2);
    assertThat(harness.emitted.get(1).record().attributes().getString(AttributeNames.LOG_IOSTREAM)).isEqualTo("stdout");
  }

  @Test
  void plainFileLinesHaveNoStream() throws Exception {
    Harness harness = new Harness();
    harness.line(Harness.file("/var/log/app.log"), 0, "plain");
    assertThat(harness.emitted.get(0).record().attributes().containsKey(AttributeNames.LOG_IOSTREAM)).isFalse();
  }
}
