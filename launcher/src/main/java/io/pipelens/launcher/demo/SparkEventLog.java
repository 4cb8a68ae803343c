package io.pipelens.launcher.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A real Spark event log bundled in the jar, as lines: the material the fleet replays. Apache-2.0
 * data from Spark's test resources; see {@code NOTICE.md} beside the files.
 *
 * @param appId the application id, which is also the file name Spark gave it
 * @param resource the classpath resource
 * @param lines its lines, without their line ends
 */
public record SparkEventLog(String appId, String resource, List<String> lines) {

  /** The demo's own material, next to this class. */
  static final String DEMO_EVENTS = "/io/pipelens/launcher/demo/spark-events/";

  /** The history server's bundled samples. */
  static final String HISTORY_SAMPLES = "/io/pipelens/history/samples/";

  public SparkEventLog {
    lines = List.copyOf(lines);
  }

  /** Reads {@code resource}, whose application id is {@code appId}. */
  public static SparkEventLog load(String appId, String resource) {
    try (InputStream in = SparkEventLog.class.getResourceAsStream(resource)) {
      Objects.requireNonNull(in, () -> "the jar has no " + resource);
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
      if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
        lines.remove(lines.size() - 1);
      }
      return new SparkEventLog(appId, resource, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** The original bytes of the resource. */
  public byte[] originalBytes() {
    try (InputStream in = SparkEventLog.class.getResourceAsStream(resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
