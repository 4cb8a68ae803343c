package io.pipelens.history.source;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An {@link EventLogStore} over a directory of the local (or mounted) file system. */
public final class LocalEventLogStore implements EventLogStore {

  private final Path root;
  private final String location;

  /**
   * Reads the event logs under {@code root}. The directory is not checked here; {@link #list}
   * reports a missing one.
   */
  public LocalEventLogStore(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    String uri = this.root.toUri().toString();
    // toUri() adds the trailing slash only when the directory exists right now; keep keys stable.
    this.location = uri.endsWith("/") ? uri : uri + "/";
  }

  /** The absolute, normalised root directory. */
  public Path root() {
    return root;
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public List<StoreEntry> list(String directory) throws IOException {
    Path dir = resolve(directory);
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "not a directory");
    }
    String prefix = directory.isEmpty() ? "" : directory + "/";
    List<StoreEntry> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path child : stream) {
        BasicFileAttributes attrs;
        try {
          attrs = Files.readAttributes(child, BasicFileAttributes.class);
        } catch (NoSuchFileException gone) {
          // Renamed or deleted between the directory read and the stat (an .inprogress log
          // finishing); the next scan sees its new name.
          continue;
        }
        String name = child.getFileName().toString();
        boolean isDir = attrs.isDirectory();
        entries.add(
            new StoreEntry(
                prefix + name,
                name,
                isDir,
                isDir ? 0 : attrs.size(),
                attrs.lastModifiedTime().toMillis()));
      }
    }
    return entries;
  }

  @Override
  public InputStream openRange(String path, long offset, long length) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("bad range " + offset + "+" + length + " of " + path);
    }
    // A FileInputStream, not Channels.newInputStream over a FileChannel: reading a 962 MB log
    // through the channel's stream took 150 ms of CPU against 80 ms (docs/benchmarks.md,
    // "Local logs read without the channel's stream"), and the replaying thread that reads is the
    // one that also applies every event.
    FileInputStream in = openFile(resolve(path));
    try {
      in.getChannel().position(offset);
      return new BoundedInputStream(in, length);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private static FileInputStream openFile(Path file) throws IOException {
    try {
      return new InterruptibleFileStream(file);
    } catch (FileNotFoundException e) {
      // FileInputStream reports every failure to open this way; callers tell a log renamed since
      // the listing (an .inprogress log that finished) by NoSuchFileException.
      if (Files.notExists(file)) {
        NoSuchFileException missing = new NoSuchFileException(file.toString());
        missing.initCause(e);
        throw missing;
      }
      throw e;
    }
  }

  /**
   * A file stream that a thread's interrupt stops, as the channel's stream did (its channel closes):
   * a scan or a replay told to stop ends at its next read instead of reading on to the end.
   */
  private static final class InterruptibleFileStream extends FileInputStream {
    private final Path file;

    InterruptibleFileStream(Path file) throws FileNotFoundException {
      super(file.toFile());
      this.file = file;
    }

    @Override
    public int read() throws IOException {
      stopIfInterrupted();
      return super.read();
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      stopIfInterrupted();
      return super.read(buffer, off, len);
    }

    private void stopIfInterrupted() throws InterruptedIOException {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("reading " + file + " interrupted");
      }
    }
  }

  /**
   * Maps a store-relative path to a file under the root, refusing anything that could escape it.
   * Callers only pass paths that came from {@link #list}, so a refusal means a bug or an attack.
   */
  private Path resolve(String relative) {
    Objects.requireNonNull(relative, "path");
    if (relative.isEmpty()) {
      return root;
    }
    if (relative.startsWith("/") || relative.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a store-relative path: " + relative);
    }
    for (String segment : relative.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("not a store-relative path: " + relative);
      }
    }
    Path resolved = root.resolve(relative).normalize();
    if (!resolved.startsWith(root)) {
      throw new IllegalArgumentException("path leaves the store root: " + relative);
    }
    return resolved;
  }
}
