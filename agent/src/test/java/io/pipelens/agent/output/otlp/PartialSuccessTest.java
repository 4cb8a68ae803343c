package io.pipelens.agent.output.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Checked against the bytes OpenTelemetry's own generated classes write. */
class PartialSuccessTest {

  @Test
  void readsRejectedCountAndMessage() {
    byte[] body =
        ExportLogsServiceResponse.newBuilder()
            .setPartialSuccess(
                ExportLogsPartialSuccess.newBuilder()
                    .setRejectedLogRecords(3)
                    .setErrorMessage("3 records had no body — dropped")
                    .build())
            .build()
            .toByteArray();

    assertThat(PartialSuccess.parse(body))
        .isEqualTo(new PartialSuccess(3, "3 records had no body — dropped"));
  }

  @Test
  void anEmptyOrForeignBodyIsNoPartialSuccess() {
    assertThat(PartialSuccess.parse(new byte[0])).isEqualTo(PartialSuccess.NONE);
    assertThat(PartialSuccess.parse("<html>oops</html>".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(PartialSuccess.NONE);
  }
}
