package io.pipelens.sparkcompat;

import io.pipelens.testsupport.internal.FreePorts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Spark's own History Server ({@code org.apache.spark.deploy.history.HistoryServer}), a child JVM.
 */
final class SparkHistoryServer implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private SparkHistoryServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts it on {@code logDirectory} (a Hadoop URI: {@code file:/...}). */
  static SparkHistoryServer start(SparkRuntime spark, String logDirectory, Path log)
      throws IOException {
    int port = FreePorts.pick();
    List<String> command =
        spark.java(
            "1g",
            List.of(
                "-Dspark.history.fs.logDirectory=" + logDirectory,
                "-Dspark.history.ui.port=" + port,
                "-Dspark.history.fs.update.interval=1s",
                "-Dspark.history.ui.maxApplications=1000"),
            null,
            "org.apache.spark.deploy.history.HistoryServer");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new SparkHistoryServer(process, port, log);
  }

  int port() {
    return port;
  }

  boolean alive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
