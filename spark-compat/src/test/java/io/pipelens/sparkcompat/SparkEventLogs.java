package io.pipelens.sparkcompat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The event logs real Spark writes for {@code src/test/spark/SparkWorkloads.java}: compiled against
 * Spark's classpath and run in a child JVM in local mode. Written once into {@code
 * target/spark-events} and reused while the workload source and Spark's classpath are unchanged.
 */
final class SparkEventLogs {

  private static final String WORKLOADS = "src/test/spark/SparkWorkloads.java";

  private SparkEventLogs() {}

  /** The directory of event logs, written now unless an identical run already wrote it. */
  static Path write(SparkRuntime spark) throws IOException, InterruptedException {
    Path module = spark.moduleDir();
    Path source = module.resolve(WORKLOADS);
    Path events = module.resolve("target/spark-events");
    Path stamp = module.resolve("target/spark-events.sha256");
    String fingerprint = sha256(Files.readString(source) + "\n" + spark.classpath());
    if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(fingerprint)) {
      return events;
    }
    Files.deleteIfExists(stamp);
    deleteTree(events);
    Files.createDirectories(events);

    Path classes = module.resolve("target/spark-workloads");
    deleteTree(classes);
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    // Compiled to a directory, not run by the source launcher: Spark deserialises the lambdas in
    // tasks through the application class loader, which must see the classes.
    int compiled =
        javac.run(
            null,
            null,
            null,
            "-nowarn",
            "-d",
            classes.toString(),
            "-cp",
            spark.classpath(),
            source.toString());
    if (compiled != 0) {
      throw new IllegalStateException("compiling " + source + " failed");
    }

    List<String> command =
        new ArrayList<>(spark.java("1g", List.of(), classes.toString(), "SparkWorkloads"));
    command.add(events.toUri().toString());
    Path log = module.resolve("target/spark-workloads.log");
    Process run =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!run.waitFor(6, TimeUnit.MINUTES) || run.exitValue() != 0) {
      run.destroyForcibly();
      throw new IllegalStateException("Spark's workloads failed; see " + log);
    }
    Files.writeString(stamp, fingerprint);
    return events;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
