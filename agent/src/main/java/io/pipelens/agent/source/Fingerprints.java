package io.pipelens.agent.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The fingerprint of {@link FileIdentity}: a 64-bit hash of a file's first {@code
 * fingerprint_bytes}, CRC32C in the high half and CRC32 in the low half (both are intrinsics, so
 * hashing 1 KiB costs well under a microsecond). 0 means "file still shorter than that"; a real
 * hash of 0 is mapped to 1.
 *
 * <p>Reads with positional reads only, so it can share a channel with the reader.
 */
final class Fingerprints {

  private final int length;
  private final ByteBuffer buffer;

  Fingerprints(int length) {
    this.length = length;
    this.buffer = ByteBuffer.allocate(length);
  }

  /** How many leading bytes a fingerprint covers. */
  int length() {
    return length;
  }

  /** The fingerprint of {@code channel}'s file, or 0 when it is shorter than {@link #length()}. */
  long of(FileChannel channel) throws IOException {
    buffer.clear();
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, buffer.position()) < 0) {
        return 0;
      }
    }
    return hash(buffer.array(), length);
  }

  static long hash(byte[] bytes, int length) {
    CRC32C high = new CRC32C();
    high.update(bytes, 0, length);
    CRC32 low = new CRC32();
    low.update(bytes, 0, length);
    long value = high.getValue() << 32 | low.getValue();
    return value == 0 ? 1 : value;
  }
}
