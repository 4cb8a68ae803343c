package io.pipelens.agent.process;

import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.agent.source.FileIdentity;
import io.pipelens.agent.source.LineConsumer;
import io.pipelens.agent.source.SourceFile;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Stream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Feeds bytes to a {@link ProcessorChain} the way the tailer does and keeps what it emits. */
final class Harness {

  static final Instant NOW = Instant.parse("2024-05-01T12:30:00Z");
  private static final AtomicLong INODES = new AtomicLong(1000);

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final List<Emitted> emitted = new ArrayList<>();
  final ProcessorChain.Builder builder;
  private ProcessorChain chain;

  /** One emitted record with what came with it. */
  record Emitted(SourceFile file, LogRecord record, long endOffset, long bytes) {
    String body() {
      return ((AnyValue.StringValue) record.body()).value();
    }

    long offset() {
      return record.attributes().getLong(AttributeNames.LOG_OFFSET);
    }

    boolean truncated() {
      return Boolean.TRUE.equals(record.attributes().getBoolean(AttributeNames.LOG_TRUNCATED));
    }
  }

  Harness() {
    this.builder = ProcessorChain.builder(
            (file, record, endOffset, bytes) -> emitted.add(new Emitted(file, record, endOffset, bytes)),
            registry)
        .environment(Map.of())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  ProcessorChain chain() {
    if (chain == null) {
      chain = builder.build();
    }
    return chain;
  }

  static SourceFile file(String input, String path, Stream stream) {
    return new SourceFile(input, Path.of(path), new FileIdentity(1, INODES.incrementAndGet(), 0),
        stream, SourceFile.LineFormat.RAW);
  }

  static SourceFile file(String path) {
    return file("test", path, Stream.ENGINE);
  }

  /** Splits {@code content} at {@code \n} like the tailer, dropping a {@code \r} before it. */
  static void feed(LineConsumer consumer, SourceFile file, byte[] content) throws InterruptedException {
    feed(consumer, file, content, 0);
  }

  static void feed(LineConsumer consumer, SourceFile file, byte[] content, long baseOffset)
      throws InterruptedException {
    int start = 0;
    for (int i = 0; i < content.length; i++) {
      if (content[i] == '\n') {
        int end = i > start && content[i - 1] == '\r' ? i - 1 : i;
        // A fresh array with slack after the line, as a reader's buffer has.
        byte[] buffer = Arrays.copyOfRange(content, start, end + 16);
        consumer.line(file, baseOffset + start, baseOffset + i + 1, buffer, end - start, false);
        start = i + 1;
      }
    }
  }

  void feed(SourceFile file, byte[] content) throws InterruptedException {
    feed(chain(), file, content);
  }

  void line(SourceFile file, long offset, String text) throws InterruptedException {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    chain().line(file, offset, offset + bytes.length + 1, bytes, bytes.length, false);
  }

  List<String> bodies() {
    return emitted.stream().map(Emitted::body).toList();
  }

  double counter(String name, String... tags) {
    Search search = registry.find(name).tags(tags);
    return search.counter() == null ? 0 : search.counter().count();
  }

  static byte[] fixture(String name) {
    try (InputStream in = Harness.class.getResourceAsStream("/process/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The byte offset where {@code line} starts in {@code content}. */
  static long offsetOf(byte[] content, String line) {
    String text = new String(content, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf(line);
    if (at < 0 || (at > 0 && text.charAt(at - 1) != '\n')) {
      throw new IllegalArgumentException("not a line start: " + line);
    }
    return at;
  }
}
