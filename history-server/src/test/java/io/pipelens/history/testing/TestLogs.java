package io.pipelens.history.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;

/** The real Spark event logs under {@code src/test/resources/spark-events}, and edits of them. */
public final class TestLogs {

  /** Spark 1.2-era, no LogStart; golden answer {@code one_app_json}. */
  public static final String LOCAL_1422981780767 = "local-1422981780767";

  /** Attempt 1 of {@code local-1426533911241}. */
  public static final String ATTEMPT_1 = "local-1426533911241";

  /** Attempt 2 of {@code local-1426533911241}. */
  public static final String ATTEMPT_2 = "local-1426633911242";

  /** Spark 3.0 with LogStart and a 78 KB environment line. */
  public static final String YARN_3_0 = "application_1555004656427_0144";

  private TestLogs() {}

  /** Copies the named logs into {@code directory}; returns the directory. */
  /** A Spark 3.3 log with two SQL executions, adaptive plan updates and driver metrics. */
  public static final String SQL_3_3 = "local-1642039451826";

  public static Path copy(Path directory, String... names) throws IOException {
    Files.createDirectories(directory);
    for (String name : names) {
      try (InputStream in = TestLogs.class.getResourceAsStream("/spark-events/" + name)) {
        if (in == null) {
          throw new IllegalArgumentException("no test log " + name);
        }
        Files.copy(in, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return directory;
  }

  /** The lines of a test log, without their terminators. */
  public static List<String> lines(String name) {
    try (InputStream in = TestLogs.class.getResourceAsStream("/spark-events/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test log " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes lines, each followed by {@code \n}. */
  public static Path write(Path file, List<String> lines) throws IOException {
    Files.createDirectories(file.getParent());
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append('\n');
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** Appends raw text. */
  public static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  /** The index of the first line containing {@code needle}. */
  public static int indexOf(List<String> lines, String needle) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(needle)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no line contains " + needle);
  }

  /** Moves a file's modification time, as a writer would. */
  public static void touch(Path file, long epochMillis) throws IOException {
    Files.setLastModifiedTime(file, FileTime.fromMillis(epochMillis));
  }
}
