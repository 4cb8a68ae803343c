package io.pipelens.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class JsonLayoutTest {

  private final JsonLayout layout = new JsonLayout();
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void writesTheFixedFieldsInOrderOnOneLine() throws IOException {
    String line = layout.doLayout(LogEventsFixture.event(Level.INFO, "tailing /var/log/app.log", null, Map.of()));

    assertThat(line).endsWith("}\n");
    assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
    JsonNode json = mapper.readTree(line);
    assertThat(fieldNames(json))
        .containsExactly("@timestamp", "log.level", "log.logger", "process.thread.name", "message");
    assertThat(json.get("@timestamp").asText()).isEqualTo("2026-11-28T10:00:00.123Z");
    assertThat(json.get("log.level").asText()).isEqualTo("INFO");
    assertThat(json.get("log.logger").asText()).isEqualTo("io.pipelens.agent.FileSource");
    assertThat(json.get("process.thread.name").asText()).isEqualTo("pipelens-agent-1-reader");
    assertThat(json.get("message").asText()).isEqualTo("tailing /var/log/app.log");
  }

  @Test
  void millisecondsAreAlwaysThreeDigits() throws IOException {
    LoggingEvent event = LogEventsFixture.event(Level.INFO, "m", null, Map.of());
    event.setTimeStamp(LogEventsFixture.AT.toEpochMilli() - 123);

    assertThat(mapper.readTree(layout.doLayout(event)).get("@timestamp").asText())
        .isEqualTo("2026-11-28T10:00:00.000Z");
  }

  @Test
  void escapesMultiLineMessagesAndAddsTheStackTrace() throws IOException {
    IllegalStateException error = new IllegalStateException("flush failed:\n\"disk\" full",
        new java.io.IOException("No space left on device"));
    String line = layout.doLayout(LogEventsFixture.event(Level.ERROR, "line one\nline two\ttab", error, Map.of()));

    assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
    JsonNode json = mapper.readTree(line);
    assertThat(json.get("message").asText()).isEqualTo("line one\nline two\ttab");
    assertThat(json.get("error.type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(json.get("error.message").asText()).isEqualTo("flush failed:\n\"disk\" full");
    String stackTrace = json.get("error.stack_trace").asText();
    assertThat(stackTrace)
        .startsWith("java.lang.IllegalStateException: flush failed:\n\"disk\" full\n\tat ")
        .contains("JsonLayoutTest.escapesMultiLineMessagesAndAddsTheStackTrace")
        .contains("Caused by: java.io.IOException: No space left on device")
        .doesNotEndWith("\n");
  }

  @Test
  void anExceptionWithoutMessageHasNoErrorMessageField() throws IOException {
    JsonNode json = mapper.readTree(layout.doLayout(
        LogEventsFixture.event(Level.WARN, "m", new NullPointerException(), Map.of())));

    assertThat(json.get("error.type").asText()).isEqualTo("java.lang.NullPointerException");
    assertThat(json.has("error.message")).isFalse();
    assertThat(json.has("error.stack_trace")).isTrue();
  }

  @Test
  void mdcAndKeyValuePairsGetTheirOwnKeysButCannotShadowFixedFields() throws IOException {
    LoggingEvent event = LogEventsFixture.event(Level.INFO, "read batch", null,
        Map.of("pod", "spark-exec-1", "app_id", "app-42\n", "message", "shadow"));
    List<KeyValuePair> pairs = new ArrayList<>();
    pairs.add(new KeyValuePair("events", 128));
    pairs.add(new KeyValuePair("ratio", 0.5));
    pairs.add(new KeyValuePair("compressed", true));
    pairs.add(new KeyValuePair("nan", Double.NaN));
    pairs.add(new KeyValuePair("pod", "from-kv"));
    event.setKeyValuePairs(pairs);

    JsonNode json = mapper.readTree(layout.doLayout(event));

    assertThat(json.get("message").asText()).isEqualTo("read batch");
    assertThat(json.get("app_id").asText()).isEqualTo("app-42\n");
    assertThat(json.get("pod").asText()).isEqualTo("from-kv");
    assertThat(json.get("events").isInt()).isTrue();
    assertThat(json.get("events").asInt()).isEqualTo(128);
    assertThat(json.get("ratio").asDouble()).isEqualTo(0.5);
    assertThat(json.get("compressed").asBoolean()).isTrue();
    assertThat(json.get("nan").asText()).isEqualTo("NaN");
    assertThat(fieldNames(json)).doesNotHaveDuplicates();
  }

  private static List<String> fieldNames(JsonNode json) {
    List<String> names = new ArrayList<>();
    Iterator<String> iterator = json.fieldNames();
    iterator.forEachRemaining(names::add);
    return names;
  }
}
