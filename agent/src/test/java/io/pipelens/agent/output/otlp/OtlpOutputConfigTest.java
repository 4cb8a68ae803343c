package io.pipelens.agent.output.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.config.DataSize;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OtlpOutputConfigTest {

  private static final ConfigLoader LOADER = ConfigLoader.create(Map.of("TOKEN", "t0k3n"));

  @Test
  void everyKeyHasItsDefault() throws Exception {
    OtlpOutputConfig config = parse("endpoint: http://collector:4318/v1/logs\n");

    assertThat(config.hasToken()).isFalse();
    assertThat(config.compression()).isEqualTo("gzip");
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.maxBatchSize()).isEqualTo(DataSize.ofMebibytes(4));
    assertThat(config.retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.tls().insecureSkipVerify()).isFalse();
    assertThat(config.headers()).isEmpty();
    assertThat(config.maxPending()).isEqualTo(DataSize.ofMebibytes(16));
  }

  @Test
  void theTokenIsASecretAndAnEmptyOneMeansNone() throws Exception {
    OtlpOutputConfig config = parse("endpoint: https://c/v1/logs\ntoken: ${TOKEN}\n");
    assertThat(config.hasToken()).isTrue();
    assertThat(ConfigLoader.describe(config)).doesNotContain("t0k3n");

    assertThat(parse("endpoint: https://c/v1/logs\ntoken: '${UNSET:-}'\n").hasToken()).isFalse();
  }

  @Test
  void aTokenOrHeaderHttpCannotCarryIsRefusedWithoutQuotingIt() throws Exception {
    // Met by the worker instead, the HTTP client's refusal would end it, quoting the token.
    assertThatThrownBy(() -> parse("endpoint: http://c/v1/logs\ntoken: \"s3cr3t\\n\"\n"))
        .hasMessageContaining("token: must not contain control characters")
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(() -> parse("endpoint: http://c/v1/logs\nheaders: {X-Tenant: \"a\\u0007b\"}\n"))
        .hasMessageContaining("headers.X-Tenant: must not contain control characters");
    assertThat(parse("endpoint: http://c/v1/logs\ntoken: \"t\\tok\u00e9n\"\n").hasToken()).isTrue();
  }

  @Test
  void reportsBadValuesAtTheirKey() throws Exception {
    assertThatThrownBy(() -> parse("token: x\n")).hasMessageContaining("endpoint: missing required key");
    assertThatThrownBy(() -> parse("endpoint: collector:4318\n"))
        .hasMessageContaining("endpoint: invalid value \"collector:4318\": must be an http or https URL");
    assertThatThrownBy(() -> parse("endpoint: http://c/v1/logs\ncompression: zstd\n"))
        .hasMessageContaining("compression: invalid value \"zstd\": must be one of gzip, none");
    assertThatThrownBy(() -> parse("endpoint: http://c/v1/logs\nretry: {initial_backoff: 2s, max_backoff: 1s}\n"))
        .hasMessageContaining("retry.max_backoff: invalid value 1s: must be at least initial_backoff");
    assertThatThrownBy(() -> parse("endpoint: http://c/v1/logs\nheaders: {Content-Type: text/plain}\n"))
        .hasMessageContaining("headers.Content-Type: may not be set");
    assertThatThrownBy(() -> parse("endpoint: http://c/v1/logs\ntoken: x\nheaders: {Authorization: y}\n"))
        .hasMessageContaining("headers.Authorization: conflicts with token");
    assertThatThrownBy(() -> parse("endpoint: http://c/v1/logs\ntls: {insecure_skip_verify: true}\n"))
        .hasMessageContaining("tls: is set but endpoint http://c/v1/logs is not https");
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() throws Exception {
    Instant now = Instant.parse("2026-11-28T10:00:00Z");
    assertThat(RetryAfter.parse("3", now)).contains(Duration.ofSeconds(3));
    assertThat(RetryAfter.parse("Sat, 28 Nov 2026 10:00:07 GMT", now)).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse("Sat, 28 Nov 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("86400", now)).contains(RetryAfter.MAX);
    assertThat(RetryAfter.parse("soon", now)).isEqualTo(Optional.empty());
    assertThat(RetryAfter.parse(null, now)).isEmpty();
  }

  private static OtlpOutputConfig parse(String yaml) throws io.pipelens.core.config.ConfigException {
    return LOADER.parse(yaml, "otlp.yaml", OtlpOutputConfig.class);
  }
}
