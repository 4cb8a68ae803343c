package io.pipelens.testsupport.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server running as a child process, with its output in a log file rather than on the test
 * console, and a pid file that lets a later run stop it if this JVM dies without cleaning up.
 */
final class ChildProcess {

  /** The suffix of pid files; {@link RunDirectory} looks for them in abandoned directories. */
  static final String PID_FILE_SUFFIX = ".pid";

  private final String name;
  private final Process process;
  private final Path log;
  private final Path pidFile;

  private ChildProcess(String name, Process process, Path log, Path pidFile) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.pidFile = pidFile;
  }

  /**
   * Starts {@code command}, appending its stdout and stderr to {@code log} and writing its pid next
   * to it. Standard input stays an open pipe: inheriting it would let the server read the commands
   * surefire sends to its forked JVM.
   */
  static ChildProcess start(String name, ProcessBuilder command, Path log) throws IOException {
    Files.writeString(
        log,
        "=== " + Instant.now() + " starting " + name + ": " + String.join(" ", command.command())
            + System.lineSeparator(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    command.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process = command.start();
    Path pidFile = log.resolveSibling(name + PID_FILE_SUFFIX);
    Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.UTF_8);
    return new ChildProcess(name, process, log, pidFile);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** "exited with code N" or "is running", for error messages. */
  String state() {
    return process.isAlive() ? "is running" : "exited with code " + process.exitValue();
  }

  /** The log's last lines, under a header that names the file. */
  String logTail() {
    return LogTail.of(log);
  }

  /**
   * Sends SIGTERM to the process and all its descendants, waits up to {@code grace} for them to
   * exit, then kills what is left. The tree is listed before signalling because descendants whose
   * parent exits are re-parented and no longer show up as descendants.
   */
  void stop(Duration grace) throws IOException {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(process.toHandle());
    process.descendants().forEach(tree::add);
    tree.forEach(ProcessHandle::destroy);
    if (!awaitExit(tree, grace)) {
      tree.forEach(ProcessHandle::destroyForcibly);
      if (!awaitExit(tree, Duration.ofSeconds(10))) {
        throw new IOException(name + " (pid " + process.pid() + ") survived SIGKILL");
      }
    }
    Files.deleteIfExists(pidFile);
  }

  private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle handle : processes) {
      try {
        handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return false;
      } catch (ExecutionException e) {
        throw new IllegalStateException("Waiting for pid " + handle.pid() + " failed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
