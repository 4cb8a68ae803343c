package io.pipelens.history.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Spark event logs bundled in this jar for the demo: a completed application, one with two
 * attempts, a rolling {@code eventlog_v2_*} log and a running ({@code .inprogress}) one. They are
 * Apache-2.0 data files from Spark's test resources; see {@code NOTICE.md} next to them.
 *
 * <p>They ship as classpath resources rather than a directory in the repository so that the demo
 * works from the jar, wherever it is run; {@link #copyTo(Path)} puts them where the history
 * server's file store can scan them.
 */
public final class SampleEventLogs {

  /** The classpath directory holding the samples, their {@code index.txt} and attribution. */
  public static final String RESOURCE_DIRECTORY = "/io/pipelens/history/samples/";

  private SampleEventLogs() {}

  /** The sample files, as paths relative to the log directory. */
  public static List<String> files() {
    List<String> files = new ArrayList<>();
    try (InputStream in = resource("index.txt");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          files.add(line.trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /**
   * Copies every sample into {@code directory} (created if missing, existing samples replaced) and
   * returns it, ready to be a {@code log_directories} entry.
   */
  public static Path copyTo(Path directory) throws IOException {
    Files.createDirectories(directory);
    for (String file : files()) {
      Path target = directory.resolve(file).normalize();
      if (!target.startsWith(directory.normalize())) {
        throw new IllegalStateException("sample index entry leaves the directory: " + file);
      }
      Files.createDirectories(target.getParent());
      try (InputStream in = resource(file)) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return directory;
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = SampleEventLogs.class.getResourceAsStream(RESOURCE_DIRECTORY + name);
    if (in == null) {
      throw new IOException(RESOURCE_DIRECTORY + name + " is missing from the history server jar");
    }
    return in;
  }
}
