package io.pipelens.agent.output.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import javax.net.ssl.SSLContext;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.core.record.LogRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A real OTLP/HTTP endpoint on loopback: checks the bearer token, gunzips, decodes the body with
 * {@link OtlpLogsCodec}, and answers from a script (one answer per request, then 200).
 */
final class ScriptedCollector implements AutoCloseable {

  /** An answer: status, headers and body. */
  record Answer(int status, Map<String, String> headers, String body) {
    static Answer ok() {
      return new Answer(200, Map.of(), "");
    }

    static Answer status(int status, String body) {
      return new Answer(status, Map.of(), body);
    }

    static Answer retryAfter(int status, String retryAfter) {
      return new Answer(status, Map.of("Retry-After", retryAfter), "slow down");
    }
  }

  /** What one request carried. */
  record Received(
      long atNanos, String authorization, String contentType, String contentEncoding,
      Map<String, List<String>> headers, List<LogRecord> records, int answeredStatus) {}

  private final HttpServer server;
  private final String token;
  private final OtlpLogsCodec codec = new OtlpLogsCodec();
  private final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  ScriptedCollector(String token) throws IOException {
    this(token, null);
  }

  /** Over https, presenting {@code tls}'s certificate, when it is not null. */
  ScriptedCollector(String token, SSLContext tls) throws IOException {
    this.token = token;
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(loopback, 0);
    } else {
      HttpsServer https = HttpsServer.create(loopback, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
    server.createContext("/v1/logs", this::handle);
    server.start();
  }

  String endpoint() {
    return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:"
        + server.getAddress().getPort() + "/v1/logs";
  }

  /** Queues answers for the next requests, in order. */
  void script(Answer... answers) {
    script.addAll(List.of(answers));
  }

  List<Received> received() {
    return received;
  }

  /** The records of every request answered with 2xx, in arrival order. */
  List<LogRecord> acceptedRecords() {
    List<LogRecord> records = new ArrayList<>();
    for (Received request : received) {
      if (request.answeredStatus() / 100 == 2) {
        records.addAll(request.records());
      }
    }
    return records;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      Answer answer;
      List<LogRecord> records = List.of();
      if (!("Bearer " + token).equals(authorization)) {
        answer = Answer.status(401, "bad token");
      } else {
        try {
          InputStream body = new ByteArrayInputStream(raw);
          if ("gzip".equals(encoding)) {
            body = new GZIPInputStream(body);
          }
          records = codec.decode(body.readAllBytes());
          Answer scripted = script.pollFirst();
          answer = scripted != null ? scripted : Answer.ok();
        } catch (Exception e) {
          answer = Answer.status(400, "undecodable: " + e);
        }
      }
      received.add(
          new Received(
              System.nanoTime(), authorization,
              exchange.getRequestHeaders().getFirst("Content-Type"), encoding,
              Map.copyOf(exchange.getRequestHeaders()), records, answer.status()));
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
