package io.pipelens.agent.source;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A {@link LineConsumer} that keeps everything it is given, for assertions. Thread-safe. */
final class RecordingConsumer implements ContainerLineConsumer {

  /** One delivered line, with its bytes copied. */
  record Line(SourceFile file, long offset, long nextOffset, byte[] bytes, boolean truncated,
      long timeUnixNano, boolean stderr, int readsBefore) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private final List<Line> lines = new ArrayList<>();
  private final List<SourceFile> idle = new ArrayList<>();
  private final List<SourceFile> closed = new ArrayList<>();
  private final Map<SourceFile, Integer> reads = new HashMap<>();
  private volatile Consumer<Line> onLine = line -> {};

  /** Runs {@code action} on the reader thread after each line is recorded (to acknowledge it). */
  void onLine(Consumer<Line> action) {
    onLine = action;
  }

  @Override
  public void line(SourceFile file, long offset, long nextOffset, byte[] bytes, int length,
      boolean truncated) {
    record(new Line(file, offset, nextOffset, Arrays.copyOf(bytes, length), truncated, 0, false,
        readsOf(file)));
  }

  @Override
  public void containerLine(SourceFile file, long offset, long nextOffset, byte[] bytes,
      int length, boolean truncated, long timeUnixNano, boolean stderr) {
    record(new Line(file, offset, nextOffset, Arrays.copyOf(bytes, length), truncated,
        timeUnixNano, stderr, readsOf(file)));
  }

  @Override
  public synchronized void read(SourceFile file) {
    reads.merge(file, 1, Integer::sum);
  }

  private synchronized int readsOf(SourceFile file) {
    return reads.getOrDefault(file, 0);
  }

  private void record(Line line) {
    synchronized (this) {
      lines.add(line);
    }
    onLine.accept(line);
  }

  @Override
  public synchronized void idle(SourceFile file) {
    idle.add(file);
  }

  @Override
  public synchronized void closed(SourceFile file) {
    closed.add(file);
  }

  synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  synchronized List<String> texts() {
    return lines.stream().map(Line::text).toList();
  }

  synchronized int count() {
    return lines.size();
  }

  synchronized List<SourceFile> closedFiles() {
    return List.copyOf(closed);
  }

  synchronized List<SourceFile> idleFiles() {
    return List.copyOf(idle);
  }
}
