package io.pipelens.collector.deadletter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Dead letters appended to a file, one JSON object per line: {@code time}, {@code stage}, {@code
 * reason}, {@code origin}, {@code content_type} and the payload in base64 ({@code payload}). Each
 * line is written and flushed before its future completes.
 */
public final class FileDeadLetterQueue implements DeadLetterQueue {

  private final Path file;
  private final Clock clock;
  private final DeadLetterMetrics metrics;
  private final JsonFactory json = new JsonFactory();
  private final Object lock = new Object();
  private OutputStream out; // guarded by lock

  /** A queue appending to {@code file}, which is created with its directories if missing. */
  public FileDeadLetterQueue(Path file, Clock clock, MeterRegistry registry) {
    this.file = file;
    this.clock = clock;
    this.metrics = new DeadLetterMetrics(registry);
  }

  @Override
  public String name() {
    return "dead-letter-file";
  }

  @Override
  public void start() throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    synchronized (lock) {
      out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  @Override
  public CompletableFuture<Void> send(DeadLetter letter) {
    try {
      byte[] line = line(letter);
      synchronized (lock) {
        if (out == null) {
          throw new IOException("dead letter file " + file + " is not open");
        }
        out.write(line);
        out.flush();
      }
      metrics.stored(letter);
      return CompletableFuture.completedFuture(null);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(
          new UncheckedIOException("cannot write dead letter file " + file + ": " + e.getMessage(), e));
    }
  }

  private byte[] line(DeadLetter letter) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(letter.payload().length * 4 / 3 + 256);
    try (JsonGenerator gen = json.createGenerator(bytes)) {
      gen.writeStartObject();
      gen.writeStringField("time", clock.instant().toString());
      gen.writeStringField("stage", letter.stage());
      gen.writeStringField("reason", letter.reason());
      gen.writeStringField("origin", letter.origin());
      gen.writeStringField("content_type", letter.contentType());
      gen.writeFieldName("payload");
      gen.writeBinary(letter.payload());
      gen.writeEndObject();
    }
    bytes.write('\n');
    return bytes.toByteArray();
  }

  @Override
  public void stop(Duration deadline) {
    synchronized (lock) {
      if (out != null) {
        try {
          out.close();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot close dead letter file " + file, e);
        } finally {
          out = null;
        }
      }
    }
  }
}
