package io.pipelens.agent.output.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Appends lines to a file, with optional fsync and size-based rotation to {@code <path>.1}. */
final class FileLineSink implements LineSink {

  private final Path path;
  private final boolean fsync;
  private final long rotateSize; // 0: never
  private FileChannel channel;

  FileLineSink(FileOutputConfig config) {
    this.path = config.path().toAbsolutePath();
    this.fsync = config.fsync();
    this.rotateSize = config.rotateSize() == null ? 0 : config.rotateSize().bytes();
  }

  @Override
  public void open() throws IOException {
    Path parent = path.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    channel = openChannel();
  }

  @Override
  public void write(byte[] lines, int length) throws IOException {
    if (channel == null) {
      channel = openChannel(); // reopen after a failed rotation or write
    }
    if (rotateSize > 0 && channel.size() > 0 && channel.size() + length > rotateSize) {
      rotate();
    }
    ByteBuffer buffer = ByteBuffer.wrap(lines, 0, length);
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      if (fsync) {
        channel.force(false);
      }
    } catch (IOException e) {
      // A half-written batch is written again in full on retry: a torn line beats a lost one.
      closeChannel();
      throw e;
    }
  }

  private void rotate() throws IOException {
    if (fsync) {
      channel.force(false);
    }
    closeChannel();
    Files.move(path, path.resolveSibling(path.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
    channel = openChannel();
  }

  private FileChannel openChannel() throws IOException {
    return FileChannel.open(
        path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  private void closeChannel() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // Closing after a failure; the failure itself is what gets reported.
    } finally {
      channel = null;
    }
  }

  @Override
  public String describe() {
    return path.toString();
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      try {
        if (fsync) {
          channel.force(false);
        }
      } finally {
        closeChannel();
      }
    }
  }
}
