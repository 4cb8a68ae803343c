package io.pipelens.history.testing;

import com.github.luben.zstd.ZstdOutputStream;
import com.ning.compress.lzf.LZFOutputStream;
import io.pipelens.history.source.EventLogCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import net.jpountz.lz4.LZ4BlockOutputStream;
import org.xerial.snappy.SnappyOutputStream;

/**
 * Compresses event logs the way Spark's {@code CompressionCodec.compressedContinuousOutputStream}
 * writes them, with the same libraries and settings: LZ4 and snappy with 32 KiB blocks (Spark's
 * {@code spark.io.compression.*.blockSize} default), LZF finishing a chunk on every flush, zstd
 * level 1 closing a frame on every flush.
 */
public final class Compression {

  private static final int BLOCK_BYTES = 32 * 1024;

  private Compression() {}

  /** The codec's stream over {@code out}. */
  public static OutputStream stream(EventLogCodec codec, OutputStream out) throws IOException {
    return switch (codec) {
      case NONE -> out;
      case LZ4 -> new LZ4BlockOutputStream(out, BLOCK_BYTES);
      case LZF -> new LZFOutputStream(out).setFinishBlockOnFlush(true);
      case SNAPPY -> new SnappyOutputStream(out, BLOCK_BYTES);
      case ZSTD -> new ZstdOutputStream(out, 1).setCloseFrameOnFlush(true);
    };
  }

  /** {@code bytes} compressed as one finished stream. */
  public static byte[] compress(EventLogCodec codec, byte[] bytes) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (OutputStream out = stream(codec, buffer)) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  /**
   * {@code bytes} compressed with a flush every {@code flushEvery} bytes and no end: what a running
   * application's log looks like between two flushes (for zstd, a series of complete frames).
   */
  public static byte[] compressUnfinished(EventLogCodec codec, byte[] bytes, int flushEvery)
      throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    OutputStream out = stream(codec, buffer);
    for (int i = 0; i < bytes.length; i += flushEvery) {
      out.write(bytes, i, Math.min(flushEvery, bytes.length - i));
      out.flush();
    }
    // Not closed: no end mark, as in a log still being written.
    return buffer.toByteArray();
  }

  /**
   * Copies every event log under {@code from} to {@code to}, compressed with {@code codec} and
   * renamed as Spark names compressed logs ({@code <app>.<codec>[.inprogress]}, {@code
   * events_<n>_<app>.<codec>}); appstatus markers and non-log files stay as they are. Modification
   * times are kept, so that listings compare equal.
   */
  public static void copyCompressed(Path from, Path to, EventLogCodec codec) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.filter(Files::isRegularFile).toList()) {
        String relative = from.relativize(source).toString();
        String name = source.getFileName().toString();
        if (name.startsWith("appstatus_")) {
          Path target = to.resolve(relative);
          Files.createDirectories(target.getParent());
          Files.copy(source, target);
          Files.setLastModifiedTime(target, Files.getLastModifiedTime(source));
          continue;
        }
        if (name.contains(".")
            && !name.endsWith(".inprogress")) {
          continue; // README, licence, NOTICE
        }
        String compressedName =
            name.endsWith(".inprogress")
                ? name.substring(0, name.length() - ".inprogress".length())
                    + "."
                    + codec.shortName()
                    + ".inprogress"
                : name + "." + codec.shortName();
        Path parent = to.resolve(relative).getParent();
        Files.createDirectories(parent);
        Path target = parent.resolve(compressedName);
        // Finished streams even for .inprogress logs, so that every byte is there to compare:
        // Spark's LZ4 and snappy streams do not write a partial block on flush, so a running
        // application's compressed log shows less than its uncompressed twin would.
        Files.write(target, compress(codec, Files.readAllBytes(source)));
        Files.setLastModifiedTime(target, Files.getLastModifiedTime(source));
      }
    }
  }
}
