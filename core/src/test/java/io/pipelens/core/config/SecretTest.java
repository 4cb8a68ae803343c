package io.pipelens.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {

  record Credentials(String user, Secret password) {}

  @Test
  void hidesItsValueEverywhereButValue() {
    Secret secret = Secret.of("hunter2");

    assertThat(secret.value()).isEqualTo("hunter2");
    assertThat(secret).hasToString("[hidden]");
    assertThat(new Credentials("admin", secret)).hasToString("Credentials[user=admin, password=[hidden]]");
  }

  @Test
  void comparesByValue() {
    assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).isNotEqualTo(Secret.of("b"));
    assertThat(Secret.of("a")).hasSameHashCodeAs(Secret.of("a"));
    assertThat(Secret.of("").isEmpty()).isTrue();
  }

  @Test
  void bindsFromAnyScalarAsWritten() throws Exception {
    ConfigLoader loader = ConfigLoader.create(java.util.Map.of());

    assertThat(loader.parse("password: 007", "c.yaml", Credentials.class).password().value()).isEqualTo("007");
    assertThat(loader.parse("password: 's3cr:t'", "c.yaml", Credentials.class).password().value())
        .isEqualTo("s3cr:t");
  }
}
