package io.pipelens.testsupport.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, for error messages that explain a failed start on their own. */
final class LogTail {

  /** Enough for a Java stack trace and the lines that led to it. */
  static final int DEFAULT_LINES = 60;

  // A server can log megabytes; the tail we show never needs more than this.
  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  /** A block naming {@code file} and holding its last {@link #DEFAULT_LINES} lines. */
  static String of(Path file) {
    return of(file, DEFAULT_LINES);
  }

  /** A block naming {@code file} and holding its last {@code lines} lines. */
  static String of(Path file, int lines) {
    if (!Files.exists(file)) {
      return "\n(no log at " + file + ")";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, in.length() - MAX_BYTES);
      byte[] bytes = new byte[(int) (in.length() - start)];
      in.seek(start);
      in.readFully(bytes);
      List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
      List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
      return "\n--- last " + tail.size() + " lines of " + file + " ---\n" + String.join("\n", tail);
    } catch (IOException e) {
      return "\n(could not read " + file + ": " + e + ")";
    }
  }
}
