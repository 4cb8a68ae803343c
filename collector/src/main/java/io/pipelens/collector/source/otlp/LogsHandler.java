package io.pipelens.collector.source.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pipelens.collector.normalize.RecordNormalizer;
import io.pipelens.collector.pipeline.RecordSink;
import io.pipelens.core.codec.CodecException;
import io.pipelens.core.codec.LogsCodec;
import io.pipelens.core.codec.OtlpJsonLogsCodec;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.core.record.LogRecord;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/logs}. Checks, in this order, so the cheap refusals come first: method (405),
 * content type (415), token (401), declared size (413), the sink's capacity (503) and the
 * in-flight budget (429); then reads the body within the size limit (413), decodes it (400),
 * hands the records to the sink and answers 200 only once the sink has stored them, or 503 if it
 * does not within {@code ack_timeout}. 429 and 503 carry {@code Retry-After}, so OTLP clients
 * retry; 400, 401, 413 and 415 are not retryable.
 */
final class LogsHandler implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(LogsHandler.class);
  private static final OtlpLogsCodec PROTOBUF = new OtlpLogsCodec();
  private static final OtlpJsonLogsCodec JSON = new OtlpJsonLogsCodec();
  static final String RETRY_AFTER_BUSY_SECONDS = "1";
  private static final String BODY_READ = "pipelens.otlp.body-read";
  static final String RETRY_AFTER_UNAVAILABLE_SECONDS = "5";

  private final OtlpReceiverConfig config;
  private final BearerTokens tokens;
  private final ByteBudget inFlight;
  private final RecordSink sink;
  private final OtlpMetrics metrics;
  private final BooleanSupplier stopping;

  LogsHandler(OtlpReceiverConfig config, RecordSink sink, OtlpMetrics metrics, BooleanSupplier stopping) {
    this.config = config;
    this.tokens = new BearerTokens(config.tokens());
    this.inFlight = new ByteBudget(config.maxInFlightBytes().bytes());
    this.sink = sink;
    this.metrics = metrics;
    this.stopping = stopping;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      boolean json = isJson(exchange.getRequestHeaders().getFirst("Content-Type"));
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        fail(exchange, 405, json, "only POST is allowed on " + OtlpHttpReceiver.LOGS_PATH, null);
        return;
      }
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (!json && !isProtobuf(contentType)) {
        fail(exchange, 415, false, "Content-Type must be " + OtlpLogsCodec.CONTENT_TYPE + " or "
            + OtlpJsonLogsCodec.CONTENT_TYPE + ", got " + contentType, null);
        return;
      }
      String team = tokens.team(exchange.getRequestHeaders().getFirst("Authorization"));
      if (team == null) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        fail(exchange, 401, json, "a valid Authorization: Bearer <token> header is required", null);
        return;
      }
      long maxSize = config.maxRequestSize().bytes();
      long declared = contentLength(exchange);
      if (declared > maxSize) {
        fail(exchange, 413, json, "request body of " + declared + " bytes is larger than max_request_size ("
            + config.maxRequestSize() + ")", null);
        return;
      }
      if (stopping.getAsBoolean() || !sink.hasCapacity()) {
        fail(exchange, 503, json, "the collector cannot store records right now; retry later",
            RETRY_AFTER_UNAVAILABLE_SECONDS);
        return;
      }
      boolean gzip = isGzip(exchange.getRequestHeaders().getFirst("Content-Encoding"));
      // The size is known up front only for an identity body with Content-Length.
      long reserved = declared >= 0 && !gzip ? declared : maxSize;
      if (!inFlight.tryAcquire(reserved)) {
        fail(exchange, 429, json, "too many requests in flight; retry later", RETRY_AFTER_BUSY_SECONDS);
        return;
      }
      try {
        receive(exchange, json, gzip, team);
      } finally {
        inFlight.release(reserved);
      }
    }
  }

  private void receive(HttpExchange exchange, boolean json, boolean gzip, String team) throws IOException {
    byte[] body;
    try {
      body = RequestBodies.read(exchange.getRequestBody(), gzip, (int) config.maxRequestSize().bytes());
      exchange.setAttribute(BODY_READ, Boolean.TRUE);
    } catch (BodyTooLargeException e) {
      fail(exchange, 413, json, e.getMessage(), null);
      return;
    } catch (ZipException e) {
      fail(exchange, 400, json, "Content-Encoding is gzip but the body is not valid gzip: " + e.getMessage(), null);
      return;
    }
    LogsCodec codec = json ? JSON : PROTOBUF;
    List<LogRecord> records;
    try {
      records = codec.decode(body);
    } catch (CodecException e) {
      fail(exchange, 400, json, e.getMessage(), null);
      return;
    }
    List<LogRecord> normalized = RecordNormalizer.forOtlp(team).normalize(records);
    metrics.received.count(normalized);
    try {
      sink.write(normalized)
          .get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      fail(exchange, 503, json, "the records were not stored within " + config.ackTimeout()
          + "; retry later", RETRY_AFTER_UNAVAILABLE_SECONDS);
      return;
    } catch (ExecutionException e) {
      fail(exchange, 503, json, "the records were not stored: " + e.getCause().getMessage(),
          RETRY_AFTER_UNAVAILABLE_SECONDS);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(exchange, 503, json, "the collector is stopping; retry later", RETRY_AFTER_UNAVAILABLE_SECONDS);
      return;
    }
    metrics.answered(200);
    OtlpResponses.success(exchange, json);
  }

  private void fail(HttpExchange exchange, int status, boolean json, String message, String retryAfter)
      throws IOException {
    if (retryAfter != null) {
      exchange.getResponseHeaders().set("Retry-After", retryAfter);
    }
    if (exchange.getAttribute(BODY_READ) == null) {
      // Refused before reading the body: the server drains at most 64 KiB of it and otherwise drops
      // the connection, which a client that reused it for its next request sees as a reset.
      exchange.getResponseHeaders().set("Connection", "close");
    }
    metrics.answered(status);
    log.debug("OTLP request from {} answered {}: {}", exchange.getRemoteAddress(), status, message);
    OtlpResponses.failure(exchange, status, json, message);
  }

  private static long contentLength(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Content-Length");
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean isJson(String contentType) {
    return mediaType(contentType).equals(OtlpJsonLogsCodec.CONTENT_TYPE);
  }

  private static boolean isProtobuf(String contentType) {
    return mediaType(contentType).equals(OtlpLogsCodec.CONTENT_TYPE);
  }

  private static boolean isGzip(String contentEncoding) {
    return contentEncoding != null && contentEncoding.strip().equalsIgnoreCase("gzip");
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }
}
