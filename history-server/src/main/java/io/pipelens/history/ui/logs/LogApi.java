package io.pipelens.history.ui.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pipelens.history.ui.http.UiResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON of {@code GET /ui/api/logs}:
 * {@code {"hits":[{"id","timestamp","level","message","pod","container","executor"}],
 * "older":cursor|null,"newer":cursor|null}}, hits oldest first; errors are {@code {"error":..}}.
 */
public final class LogApi {

  private static final JsonFactory JSON = new JsonFactory();

  private LogApi() {}

  public static UiResponse answer(LogLines lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("hits");
      for (LogLines.Line line : lines.lines()) {
        json.writeStartObject();
        json.writeStringField("id", line.id());
        json.writeStringField("timestamp", line.timestamp().toString());
        json.writeStringField("level", line.level());
        json.writeStringField("message", line.message());
        json.writeStringField("pod", line.pod());
        json.writeStringField("container", line.container());
        json.writeStringField("executor", line.executor());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeStringField("older", lines.older());
      json.writeStringField("newer", lines.newer());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return UiResponse.json(200, out.toByteArray());
  }

  public static UiResponse error(int status, String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("error", message);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return UiResponse.json(status, out.toByteArray());
  }
}
