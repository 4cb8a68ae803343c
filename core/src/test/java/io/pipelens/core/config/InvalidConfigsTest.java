package io.pipelens.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every case in {@code config/invalid_configs.yaml}. */
class InvalidConfigsTest {

  record Case(String name, Map<String, String> env, String yaml, String error) {
    Case {
      env = env != null ? env : Map.of();
    }
  }

  static Stream<Named<Case>> cases() throws IOException {
    ObjectMapper plain = YAMLMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
    try (InputStream in = InvalidConfigsTest.class.getResourceAsStream("/config/invalid_configs.yaml")) {
      List<Case> cases = List.of(plain.readValue(in, Case[].class));
      return cases.stream().map(c -> Named.of(c.name(), c));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRejectedWithItsMessage(Case c) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.create(c.env()).parse(c.yaml(), "agent.yaml", AgentLikeConfig.class));

    assertThat(e).as("rejected").isNotNull();
    assertThat(e.getMessage()).isEqualTo(c.error()).doesNotContain("\n", "\r");
    assertThat(e.source()).isEqualTo("agent.yaml");
  }
}
