package io.pipelens.testsupport.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory that belongs to this JVM: {@code <parent>/<prefix>-<pid>}. Several JVMs of one module
 * (surefire and failsafe forks) can therefore run servers side by side, and a run finds what dead
 * runs left behind: it stops their recorded processes and deletes their directories. The current
 * run's directory stays after exit, so its logs can be read.
 */
final class RunDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(RunDirectory.class);

  private RunDirectory() {}

  /** The module's build directory: {@code target/} under the working directory. */
  static Path moduleTarget() {
    return Path.of(System.getProperty("user.dir")).toAbsolutePath().resolve("target");
  }

  /**
   * Creates this JVM's directory under {@code parent}, after cleaning up the directories of dead
   * JVMs with the same prefix. An existing directory of this JVM is emptied first.
   */
  static Path claim(Path parent, String prefix) throws IOException {
    Files.createDirectories(parent);
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, prefix + "-*")) {
      for (Path sibling : siblings) {
        Optional<Long> owner = ownerPid(sibling, prefix);
        if (owner.isPresent() && ProcessHandle.of(owner.get()).isEmpty()) {
          reap(sibling);
        }
      }
    }
    Path own = parent.resolve(prefix + "-" + ProcessHandle.current().pid());
    DirectoryTrees.delete(own);
    return Files.createDirectories(own);
  }

  private static Optional<Long> ownerPid(Path directory, String prefix) {
    try {
      return Optional.of(
          Long.parseLong(directory.getFileName().toString().substring(prefix.length() + 1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Stops the servers a dead JVM left running, then deletes its directory. */
  private static void reap(Path abandoned) throws IOException {
    try (DirectoryStream<Path> pidFiles =
        Files.newDirectoryStream(abandoned, "*" + ChildProcess.PID_FILE_SUFFIX)) {
      for (Path pidFile : pidFiles) {
        long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
        ProcessHandle.of(pid)
            .filter(process -> startedFrom(process, abandoned))
            .ifPresent(
                process -> {
                  LOG.warn("Killing pid {}, left running by a dead test JVM in {}", pid, abandoned);
                  process.descendants().forEach(ProcessHandle::destroyForcibly);
                  process.destroyForcibly();
                  process.onExit().join();
                });
      }
    }
    DirectoryTrees.delete(abandoned);
  }

  // Guards against a recycled pid: our servers name their run directory on the command line.
  private static boolean startedFrom(ProcessHandle process, Path directory) {
    return process
        .info()
        .commandLine()
        .map(commandLine -> commandLine.contains(directory.toString()))
        .orElse(false);
  }
}
