package io.pipelens.collector.source.otlp;

import com.sun.net.httpserver.HttpExchange;
import io.pipelens.core.codec.OtlpJsonLogsCodec;
import io.pipelens.core.codec.OtlpLogsCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * OTLP/HTTP responses: an empty {@code ExportLogsServiceResponse} on success, and on failure a
 * {@code google.rpc.Status} with the message, in the encoding of the request (protobuf or JSON),
 * as the OTLP specification asks.
 */
final class OtlpResponses {

  private OtlpResponses() {}

  static void success(HttpExchange exchange, boolean json) throws IOException {
    send(exchange, 200, json, json ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[0]);
  }

  static void failure(HttpExchange exchange, int status, boolean json, String message) throws IOException {
    send(exchange, status, json, json ? jsonStatus(message) : protobufStatus(message));
  }

  private static void send(HttpExchange exchange, int status, boolean json, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type",
        json ? OtlpJsonLogsCodec.CONTENT_TYPE : OtlpLogsCodec.CONTENT_TYPE);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  // google.rpc.Status{message = 2}: one length-delimited field, written by hand for one field.
  private static byte[] protobufStatus(String message) {
    byte[] text = message.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + 6);
    out.write(0x12);
    int length = text.length;
    while ((length & ~0x7F) != 0) {
      out.write((length & 0x7F) | 0x80);
      length >>>= 7;
    }
    out.write(length);
    out.writeBytes(text);
    return out.toByteArray();
  }

  private static byte[] jsonStatus(String message) {
    StringBuilder json = new StringBuilder("{\"message\":\"");
    for (char c : message.toCharArray()) {
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
  }
}
