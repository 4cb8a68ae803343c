package io.pipelens.collector.sink.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * An archive in a local (or mounted) directory, the way Spark's {@code spark.eventLog.dir} is.
 * A file is written to a hidden temporary name, fsynced, renamed into place and its directory
 * fsynced, so it is either absent or complete, and durable once {@link #put} returns. Metadata
 * lives in a hidden {@code .<name>.pipelens} file beside it (Spark and the history server ignore
 * names starting with {@code .}).
 */
final class LocalArchiveStore implements ArchiveStore {

  private final Path root;

  LocalArchiveStore(Path root) {
    this.root = root;
  }

  @Override
  public void put(String key, byte[] content, Map<String, String> metadata) throws IOException {
    Path target = root.resolve(key);
    Path dir = target.getParent();
    Files.createDirectories(dir);
    if (!metadata.isEmpty()) {
      Properties properties = new Properties();
      properties.putAll(metadata);
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      properties.store(bytes, null);
      writeDurably(dir.resolve(metadataName(target)), bytes.toByteArray());
    }
    writeDurably(target, content);
  }

  private static void writeDurably(Path target, byte[] content) throws IOException {
    Path dir = target.getParent();
    Path temp = dir.resolve("." + target.getFileName() + ".tmp");
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDirectory(dir);
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems (and Windows) cannot open a directory; the rename is then as durable as it gets.
    }
  }

  @Override
  public Map<String, String> metadata(String key) throws IOException {
    Path target = root.resolve(key);
    if (!Files.exists(target)) {
      return null;
    }
    Map<String, String> metadata = new HashMap<>();
    Path file = target.getParent().resolve(metadataName(target));
    try (InputStream in = Files.newInputStream(file)) {
      Properties properties = new Properties();
      properties.load(in);
      properties.forEach((k, v) -> metadata.put(k.toString(), v.toString()));
    } catch (NoSuchFileException e) {
      // A file without metadata.
    }
    return metadata;
  }

  @Override
  public List<String> list(String directory) throws IOException {
    Path dir = root.resolve(directory);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).forEach(names::add);
    }
    return names;
  }

  @Override
  public void delete(String key) throws IOException {
    Path target = root.resolve(key);
    Files.deleteIfExists(target.getParent().resolve(metadataName(target)));
    if (Files.deleteIfExists(target)) {
      syncDirectory(target.getParent());
    }
  }

  private static String metadataName(Path target) {
    return "." + target.getFileName() + ".pipelens";
  }

  @Override
  public String describe() {
    return root.toUri().toString();
  }

  @Override
  public void close() {}

}
