package io.pipelens.agent.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The on-disk format of checkpoints and how it is written so that a crash at any moment leaves
 * either the old or the new state, never a mix:
 *
 * <pre>{@code
 * {"version":1,"checkpoints":[
 *   {"device":2049,"inode":131,"fingerprint":-6015117003574231391,"path":"/var/log/app.log",
 *    "offset":5120,"updated":"2026-11-28T10:15:02.113Z"}]}
 * }</pre>
 *
 * <p>Writing: the whole state goes to {@code checkpoints.json.tmp}, which is forced to disk, then
 * renamed over {@code checkpoints.json} (an atomic rename), and the directory is forced so the
 * rename itself survives a power loss.
 */
final class CheckpointFile {

  /** The format version this code writes and reads. */
  static final int VERSION = 1;

  static final String FILE_NAME = "checkpoints.json";
  static final String TEMP_NAME = FILE_NAME + ".tmp";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Path directory;
  private final Path file;
  private final Path temp;

  CheckpointFile(Path directory) {
    this.directory = directory;
    this.file = directory.resolve(FILE_NAME);
    this.temp = directory.resolve(TEMP_NAME);
  }

  Path path() {
    return file;
  }

  Path tempPath() {
    return temp;
  }

  /** Why a checkpoint file could not be used. */
  static final class CorruptCheckpointException extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptCheckpointException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Reads {@code path}.
   *
   * @return empty when the file does not exist
   * @throws CorruptCheckpointException when it exists but is not a checkpoint file this version
   *     understands
   */
  static Optional<List<CheckpointEntry>> read(Path path)
      throws IOException, CorruptCheckpointException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      JsonNode root = MAPPER.readTree(bytes);
      if (root == null || !root.isObject()) {
        throw new CorruptCheckpointException("not a JSON object", null);
      }
      JsonNode version = root.get("version");
      if (version == null || !version.isInt() || version.intValue() != VERSION) {
        throw new CorruptCheckpointException(
            "unsupported version " + version + " (this agent reads version " + VERSION + ")", null);
      }
      JsonNode checkpoints = root.get("checkpoints");
      if (checkpoints == null || !checkpoints.isArray()) {
        throw new CorruptCheckpointException("no \"checkpoints\" array", null);
      }
      List<CheckpointEntry> entries = new ArrayList<>(checkpoints.size());
      for (JsonNode node : checkpoints) {
        entries.add(
            new CheckpointEntry(
                longField(node, "device"),
                longField(node, "inode"),
                longField(node, "fingerprint"),
                node.path("path").asText(""),
                longField(node, "offset"),
                Instant.parse(node.path("updated").asText())));
      }
      return Optional.of(entries);
    } catch (JsonProcessingException | DateTimeParseException e) {
      throw new CorruptCheckpointException(e.getMessage(), e);
    }
  }

  private static long longField(JsonNode node, String name) throws CorruptCheckpointException {
    JsonNode value = node.get(name);
    if (value == null || !value.canConvertToLong()) {
      throw new CorruptCheckpointException("entry without a whole number \"" + name + "\": " + node,
          null);
    }
    return value.longValue();
  }

  /** Replaces the checkpoint file with {@code entries}, atomically and durably. */
  void write(Collection<CheckpointEntry> entries) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", VERSION);
    ArrayNode array = root.putArray("checkpoints");
    for (CheckpointEntry entry : entries) {
      array.addObject()
          .put("device", entry.device())
          .put("inode", entry.inode())
          .put("fingerprint", entry.fingerprint())
          .put("path", entry.path())
          .put("offset", entry.offset())
          .put("updated", entry.updated().toString());
    }
    byte[] bytes = MAPPER.writeValueAsBytes(root);
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + directory + " cannot rename atomically", e);
    }
    forceDirectory();
  }

  private void forceDirectory() {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems refuse to sync a directory; the rename is then as durable as they allow.
    }
  }
}
