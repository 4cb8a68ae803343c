package io.pipelens.collector.source.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pipelens.core.codec.CodecException;
import io.pipelens.core.codec.OtlpJsonLogsCodec;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.core.config.Durations;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OTLP/HTTP export path, {@code POST /v1/logs} or {@code POST /v1/metrics}. Checks, in this order, so the cheap refusals come first: method (405),
 * content type (415), token (401), declared size (413), the sink's capacity (503) and the
 * in-flight budget (429); then reads the body within the size limit (413), decodes it (400),
 * hands the records to the sink and answers 200 only once the sink has stored them, or 503 if it
 * does not within {@code ack_timeout}. 429 and 503 carry {@code Retry-After}, so OTLP clients
 * retry; 400, 401, 413 and 415 are not retryable.
 */
final class ExportHandler implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(ExportHandler.class);
  static final String RETRY_AFTER_BUSY_SECONDS = "1";
  private static final String BODY_READ = "pipelens.otlp.body-read";
  static final String RETRY_AFTER_UNAVAILABLE_SECONDS = "5";

  private final OtlpReceiverConfig config;
  private final String path;
  private final BearerTokens tokens;
  private final ByteBudget inFlight;
  private final OtlpExport protobuf;
  private final OtlpExport json;
  private final OtlpMetrics metrics;
  private final BooleanSupplier stopping;

  /** {@code json} is null where OTLP/JSON is not accepted (415). */
  ExportHandler(OtlpReceiverConfig config, String path, OtlpExport protobuf, OtlpExport json, ByteBudget inFlight,
      OtlpMetrics metrics, BooleanSupplier stopping) {
    this.config = config;
    this.path = path;
    this.tokens = new BearerTokens(config.tokens());
    this.inFlight = inFlight;
    this.protobuf = protobuf;
    this.json = json;
    this.metrics = metrics;
    this.stopping = stopping;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      boolean json = isJson(exchange.getRequestHeaders().getFirst("Content-Type"));
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        fail(exchange, 405, json, "only POST is allowed on " + path, null);
        return;
      }
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (json && this.json == null) {
        fail(exchange, 415, true, "OTLP/JSON is not accepted on " + path + "; send " + OtlpLogsCodec.CONTENT_TYPE,
            null);
        return;
      }
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
      OtlpExport export = json ? this.json : protobuf;
      if (stopping.getAsBoolean() || !export.hasCapacity()) {
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
        receive(exchange, export, json, gzip, team);
      } finally {
        inFlight.release(reserved);
      }
    }
  }

  private void receive(HttpExchange exchange, OtlpExport export, boolean json, boolean gzip, String team)
      throws IOException {
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
    CompletableFuture<Void> stored;
    try {
      stored = export.export(body, team);
    } catch (CodecException e) {
      fail(exchange, 400, json, e.getMessage(), null);
      return;
    }
    try {
      stored.get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      fail(exchange, 503, json, "the records were not stored within " + Durations.format(config.ackTimeout())
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
