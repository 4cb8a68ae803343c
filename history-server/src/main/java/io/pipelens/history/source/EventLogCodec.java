package io.pipelens.history.source;

import com.github.luben.zstd.ZstdInputStream;
import com.ning.compress.lzf.LZFInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import net.jpountz.lz4.LZ4BlockInputStream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;
import org.xerial.snappy.SnappyInputStream;

/**
 * How an event file is compressed, read from its name as Spark does ({@code codecName()}: the last
 * extension once {@code .compact} and {@code .inprogress} are removed), and how to decode it.
 *
 * <p>Each codec is the stream format of the Java library Spark's {@code CompressionCodec} writes
 * with, not the command-line tools' formats:
 *
 * <ul>
 *   <li>{@code lz4}: lz4-java's {@code LZ4BlockOutputStream} block stream ({@code LZ4Block} magic,
 *       xxhash32 checksums). Decoded with the pure-Java "safe" LZ4 and xxhash instances, so damaged
 *       or hostile input can only raise an exception, never read outside a buffer.
 *   <li>{@code lzf}: compress-lzf's {@code LZFOutputStream} ({@code ZV} chunks of at most 64 KiB).
 *   <li>{@code snappy}: snappy-java's own {@code SnappyOutputStream} format ({@code \x82SNAPPY\0}
 *       header, length-prefixed blocks), not the Snappy framing format. The header is checked
 *       before snappy-java sees the bytes: without it, snappy-java would read the whole file into
 *       memory as one raw block.
 *   <li>{@code zstd}: standard zstd frames (zstd-jni). A log still being written is a series of
 *       complete frames (Spark closes a frame on every flush); a truncated last frame is reported
 *       by the decoder and tolerated by {@link EventLogDecoder}.
 * </ul>
 */
public enum EventLogCodec {
  /** Not compressed: no extension. */
  NONE("none"),
  LZ4("lz4"),
  LZF("lzf"),
  SNAPPY("snappy"),
  ZSTD("zstd");

  /** lz4-java's default xxhash32 seed, which Spark's LZ4 codec uses. */
  private static final int LZ4_CHECKSUM_SEED = 0x9747b28c;

  /** Largest snappy-java chunk accepted; Spark writes 32 KiB blocks. */
  private static final int SNAPPY_MAX_CHUNK_BYTES = 8 << 20;

  private static final byte[] SNAPPY_MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};

  private final String shortName;

  EventLogCodec(String shortName) {
    this.shortName = shortName;
  }

  /** Spark's short name, as in {@code spark.eventLog.compression.codec}. */
  public String shortName() {
    return shortName;
  }

  /** Whether the bytes must be decoded before they are lines. */
  public boolean compressed() {
    return this != NONE;
  }

  /** The codec for a Spark short name (case-insensitive); empty for an unknown one. */
  public static Optional<EventLogCodec> byShortName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (EventLogCodec codec : values()) {
      if (codec.compressed() && codec.shortName.equals(lower)) {
        return Optional.of(codec);
      }
    }
    return Optional.empty();
  }

  /**
   * The codec of an event file name: {@link #NONE} without an extension, empty for an extension
   * that is no Spark codec.
   */
  public static Optional<EventLogCodec> ofFileName(String name) {
    Optional<String> extension = EventLogNames.extension(name);
    return extension.isEmpty() ? Optional.of(NONE) : byShortName(extension.get());
  }

  /**
   * Wraps {@code compressed} in this codec's decoder. Decoders may read a header here; a header
   * that is not this codec's raises an exception now or at the first read.
   */
  InputStream decode(InputStream compressed) throws IOException {
    return switch (this) {
      case NONE -> compressed;
      case LZ4 ->
          new LZ4BlockInputStream(
              compressed,
              LZ4Factory.safeInstance().fastDecompressor(),
              XXHashFactory.safeInstance().newStreamingHash32(LZ4_CHECKSUM_SEED).asChecksum(),
              // false: concatenated streams are read on, and the end of the input at a block
              // boundary ends the stream, as a log still being written is.
              false);
      case LZF -> new LZFInputStream(compressed);
      case SNAPPY -> {
        byte[] header = compressed.readNBytes(SNAPPY_MAGIC.length);
        if (header.length < SNAPPY_MAGIC.length
            || !java.util.Arrays.equals(header, SNAPPY_MAGIC)) {
          throw new IOException("no snappy-java stream header");
        }
        yield new SnappyInputStream(
            new java.io.SequenceInputStream(
                new java.io.ByteArrayInputStream(header), compressed),
            SNAPPY_MAX_CHUNK_BYTES);
      }
      case ZSTD -> new ZstdInputStream(compressed);
    };
  }
}
