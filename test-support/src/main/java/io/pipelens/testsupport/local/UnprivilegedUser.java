package io.pipelens.testsupport.local;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs a server as an unprivileged user when the tests run as root, for servers that refuse root
 * (Elasticsearch). Uses uid/gid 65534 ({@code nobody}/{@code nogroup}), which exists on every
 * Linux without {@code useradd}, and util-linux {@code setpriv} to switch to it.
 */
final class UnprivilegedUser {

  static final int UID = 65534;
  static final int GID = 65534;

  private static final List<Path> SETPRIV_LOCATIONS =
      List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"));

  private UnprivilegedUser() {}

  /** Whether this JVM runs as root, so servers that refuse root must drop privileges. */
  static boolean needed() {
    return new UnixSystem().getUid() == 0;
  }

  /** This JVM's uid, to keep per-user directories apart. */
  static long currentUid() {
    return new UnixSystem().getUid();
  }

  /** The words to put before a command so that it runs as the unprivileged user. */
  static List<String> commandPrefix() {
    Path setpriv =
        SETPRIV_LOCATIONS.stream()
            .filter(Files::isExecutable)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Running as root, so Elasticsearch must run as uid "
                            + UID
                            + ", but setpriv (util-linux) is not in "
                            + SETPRIV_LOCATIONS
                            + ". Install util-linux or run the tests as a non-root user."));
    return List.of(
        setpriv.toString(),
        "--reuid=" + UID,
        "--regid=" + GID,
        "--clear-groups",
        "--");
  }

  /** Makes the unprivileged user own {@code root} and everything below it. */
  static void takeOwnership(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Files.setAttribute(path, "unix:uid", UID);
        Files.setAttribute(path, "unix:gid", GID);
      }
    }
  }

  /**
   * The first directory from {@code path} up to {@code /} that the unprivileged user cannot enter
   * (e.g. {@code /root}, mode 700), if any. Directories that do not exist yet are skipped: they
   * will be created world-traversable.
   */
  static Optional<Path> firstBlockedDirectory(Path path) throws IOException {
    for (Path dir = path.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir) && !traversable(dir)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private static boolean traversable(Path dir) throws IOException {
    PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class);
    int owner = (Integer) Files.getAttribute(dir, "unix:uid");
    int group = (Integer) Files.getAttribute(dir, "unix:gid");
    // Unix checks only the first class that matches: owner, else group, else others.
    PosixFilePermission execute =
        owner == UID
            ? PosixFilePermission.OWNER_EXECUTE
            : group == GID ? PosixFilePermission.GROUP_EXECUTE : PosixFilePermission.OTHERS_EXECUTE;
    return attributes.permissions().contains(execute);
  }
}
