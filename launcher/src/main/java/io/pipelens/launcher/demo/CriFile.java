package io.pipelens.launcher.demo;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A container's log file as the kubelet's CRI runtime writes it: {@code <RFC 3339 time>
 * stdout|stderr F <line>}, one line of output per file line, so a stack trace becomes several
 * lines with the same time, for the agent's multiline rule to join again. Appends; not
 * thread-safe.
 */
final class CriFile implements Closeable {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final BufferedWriter out;

  CriFile(Path path) throws IOException {
    Files.createDirectories(path.getParent());
    this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** Appends {@code text}, line by line, as output of {@code stream} at {@code epochMillis}. */
  void append(long epochMillis, String stream, String text) throws IOException {
    String time = TIME.format(Instant.ofEpochMilli(epochMillis));
    for (String line : text.split("\n", -1)) {
      out.write(time);
      out.write(' ');
      out.write(stream);
      out.write(" F ");
      out.write(line);
      out.write('\n');
    }
  }

  void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
