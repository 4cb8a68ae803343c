package io.pipelens.testsupport.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Elasticsearch integ-test zip, unpacked once into the module's {@code target/} and reused by
 * later runs. When Elasticsearch has to run as an unprivileged user who cannot reach {@code
 * target/} (a checkout under {@code /root}, mode 700), it goes to {@code
 * java.io.tmpdir/pipelens-elasticsearch-<version>-<uid>} instead.
 *
 * @param home the unpacked distribution, holding {@code bin/elasticsearch}
 * @param version the Elasticsearch version, from the zip's top-level directory
 * @param workspace the directory holding {@code home}, where node directories go too
 */
record ElasticsearchDistribution(Path home, String version, Path workspace) {

  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchDistribution.class);

  // Written last: a directory without it is a partial unpack (e.g. a killed build) and is redone.
  private static final String COMPLETE_MARKER = ".pipelens-unpacked";

  /** Unpacks {@code zip} unless an earlier run already did, and returns where it is. */
  static ElasticsearchDistribution install(Path zip, boolean forUnprivilegedUser)
      throws IOException {
    String topDirectory = topDirectory(zip);
    String version = topDirectory.substring("elasticsearch-".length());
    Path workspace = workspace(version, forUnprivilegedUser);
    Path home = workspace.resolve(topDirectory);
    // Other JVMs of this module may unpack at the same moment; one does it, the rest wait.
    try (FileChannel lockFile =
        FileChannel.open(
            workspace.resolve(topDirectory + ".lock"),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE)) {
      lockFile.lock(); // released when the channel closes
      if (!Files.exists(home.resolve(COMPLETE_MARKER))) {
        long started = System.nanoTime();
        DirectoryTrees.delete(home);
        unpack(zip, workspace);
        Files.writeString(home.resolve(COMPLETE_MARKER), zip.toString(), StandardCharsets.UTF_8);
        LOG.info(
            "Unpacked {} to {} in {} ms",
            zip.getFileName(),
            home,
            (System.nanoTime() - started) / 1_000_000);
      }
    }
    return new ElasticsearchDistribution(home, version, workspace);
  }

  private static Path workspace(String version, boolean forUnprivilegedUser) throws IOException {
    Path target = RunDirectory.moduleTarget();
    if (forUnprivilegedUser) {
      Optional<Path> blocked = UnprivilegedUser.firstBlockedDirectory(target);
      if (blocked.isPresent()) {
        Path fallback =
            Path.of(
                System.getProperty("java.io.tmpdir"),
                "pipelens-elasticsearch-" + version + "-" + UnprivilegedUser.currentUid());
        LOG.info(
            "Elasticsearch goes to {} instead of {}: it runs as uid {}, who cannot enter {}",
            fallback,
            target,
            UnprivilegedUser.UID,
            blocked.get());
        return createWorldReadable(fallback);
      }
    }
    return createWorldReadable(target);
  }

  private static Path createWorldReadable(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    return dir;
  }

  private static String topDirectory(Path zip) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      String first = file.entries().nextElement().getName();
      int slash = first.indexOf('/');
      if (slash < 0 || !first.startsWith("elasticsearch-")) {
        throw new IOException(
            zip + " is not an Elasticsearch distribution: its first entry is " + first);
      }
      return first.substring(0, slash);
    }
  }

  /**
   * Unpacks {@code zip} into {@code target}. {@link ZipFile} does not restore Unix modes, so they
   * are set here: readable by everyone (the server may run as another user), and executable for the
   * launch scripts in {@code bin/}.
   */
  private static void unpack(Path zip, Path target) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        Path path = root.resolve(entry.getName()).normalize();
        if (!path.startsWith(root)) {
          throw new IOException(zip + " has an entry outside its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
          Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
          continue;
        }
        Files.createDirectories(path.getParent());
        try (InputStream in = file.getInputStream(entry)) {
          Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
        }
        boolean launcher =
            path.getParent().getFileName().toString().equals("bin")
                && !path.getFileName().toString().contains(".");
        Files.setPosixFilePermissions(
            path, PosixFilePermissions.fromString(launcher ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }
}
