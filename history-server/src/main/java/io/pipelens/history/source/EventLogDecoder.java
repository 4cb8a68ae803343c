package io.pipelens.history.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes compressed event files with a bound on the work: all files of one log together may decode
 * to at most {@link #maxDecompressedBytes()}, so a zip bomb costs bounded time, and the decoders'
 * own buffers are bounded (LZ4 blocks ≤ 32 MiB, LZF chunks ≤ 64 KiB, snappy chunks ≤ 8 MiB, zstd
 * windows ≤ 128 MiB, zstd's default limit). Line length is bounded by the line scanners.
 *
 * <p>What goes wrong is told apart and counted:
 *
 * <ul>
 *   <li>bytes that do not start as the codec's format: {@link EventLogDecodeException} with {@link
 *       SkipReason#UNDECODABLE};
 *   <li>more than the limit: {@link EventLogDecodeException} with {@link
 *       SkipReason#DECOMPRESSION_LIMIT};
 *   <li>a stream that decoded for a while and then ends in a damaged or unfinished block or frame
 *       (the normal state of an in-progress log's last frame, or a writer that crashed): what
 *       decoded is used, the stream ends there, and {@link #truncatedStreams()} counts it.
 * </ul>
 *
 * <p>Failures of the store itself (the underlying stream throwing) pass through unchanged.
 *
 * <p>Thread-safe; one instance is shared by the listing and the replays for the counters.
 */
public final class EventLogDecoder {

  /** The default of {@code max_decompressed_bytes}: 20 GiB, above Spark's largest known logs. */
  public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 20L << 30;

  private static final Logger LOG = LoggerFactory.getLogger(EventLogDecoder.class);

  private final long maxDecompressedBytes;
  private final LongAdder truncated = new LongAdder();
  private final LongAdder undecodable = new LongAdder();
  private final LongAdder overLimit = new LongAdder();

  /** A decoder letting one log decode to at most {@code maxDecompressedBytes}. */
  public EventLogDecoder(long maxDecompressedBytes) {
    if (maxDecompressedBytes < 1) {
      throw new IllegalArgumentException("maxDecompressedBytes must be positive");
    }
    this.maxDecompressedBytes = maxDecompressedBytes;
  }

  /** A decoder with {@link #DEFAULT_MAX_DECOMPRESSED_BYTES}. */
  public EventLogDecoder() {
    this(DEFAULT_MAX_DECOMPRESSED_BYTES);
  }

  public long maxDecompressedBytes() {
    return maxDecompressedBytes;
  }

  /** Compressed streams that ended in a damaged or unfinished block, decoded up to there. */
  public long truncatedStreams() {
    return truncated.sum();
  }

  /** Compressed files that were not their codec's format at all. */
  public long undecodableStreams() {
    return undecodable.sum();
  }

  /** Logs whose decoding stopped at {@link #maxDecompressedBytes()}. */
  public long limitExceeded() {
    return overLimit.sum();
  }

  /** A fresh budget for reading one log. */
  public Budget budget() {
    return new Budget(maxDecompressedBytes);
  }

  /**
   * Decodes {@code compressed}, the whole of {@code path}, charging the decoded bytes to {@code
   * budget}. The caller closes the result, which closes {@code compressed}.
   */
  public InputStream decode(
      InputStream compressed, EventLogCodec codec, String path, Budget budget) {
    return new Decoding(compressed, codec, path, budget);
  }

  /** Decoded bytes allowed for one log, over all its files. Not thread-safe. */
  public static final class Budget {
    private final long limit;
    private long used;

    Budget(long limit) {
      this.limit = limit;
    }

    /** Decoded bytes charged so far. */
    public long used() {
      return used;
    }
  }

  /** The most one read asks a codec's stream for; see {@link Decoding#read(byte[], int, int)}. */
  private static final int MAX_READ_BYTES = 64 * 1024;

  private final class Decoding extends InputStream {
    private final FailureTracking raw;
    private final EventLogCodec codec;
    private final String path;
    private final Budget budget;
    private InputStream decoder;
    private long decoded;
    private boolean done;

    Decoding(InputStream compressed, EventLogCodec codec, String path, Budget budget) {
      this.raw = new FailureTracking(compressed);
      this.codec = codec;
      this.path = path;
      this.budget = budget;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      long allowed = budget.limit - budget.used;
      if (allowed <= 0) {
        return overLimit();
      }
      int n;
      try {
        if (decoder == null) {
          decoder = codec.decode(raw);
        }
        // A block codec's stream loses what it decoded into a read that then meets a damaged
        // block, so reads are kept to a few blocks whatever the caller asks for.
        n = decoder.read(buffer, off, (int) Math.min(Math.min(len, MAX_READ_BYTES), allowed + 1));
      } catch (LinkageError e) {
        // zstd-jni and snappy-java load a native library on first use; without it (no writable
        // temporary directory, an unsupported platform) nothing is wrong with the log itself.
        done = true;
        throw new IOException(
            "cannot load the " + codec.shortName() + " decoder to read " + path + ": " + e, e);
      } catch (IOException | RuntimeException e) {
        if (raw.failure != null) {
          throw raw.failure;
        }
        return damaged(e);
      }
      if (n < 0) {
        done = true;
        return -1;
      }
      if (n > allowed) {
        return overLimit();
      }
      decoded += n;
      budget.used += n;
      return n;
    }

    private int overLimit() throws EventLogDecodeException {
      done = true;
      overLimit.increment();
      throw new EventLogDecodeException(
          SkipReason.DECOMPRESSION_LIMIT,
          path
              + " decodes to more than max_decompressed_bytes ("
              + budget.limit
              + " bytes over the log's files)",
          null);
    }

    private int damaged(Throwable e) throws EventLogDecodeException {
      done = true;
      if (decoded == 0) {
        undecodable.increment();
        throw new EventLogDecodeException(
            SkipReason.UNDECODABLE,
            path + " is not a " + codec.shortName() + " stream as Spark writes it: " + e,
            e);
      }
      truncated.increment();
      LOG.debug(
          "{} ends in a damaged or unfinished {} block after {} decoded bytes: {}",
          path,
          codec.shortName(),
          decoded,
          e.toString());
      return -1;
    }

    @Override
    public void close() throws IOException {
      done = true;
      if (decoder != null) {
        try {
          decoder.close();
        } catch (IOException | RuntimeException e) {
          // A decoder may complain about an unfinished frame on close; the bytes are what count.
          LOG.trace("Closing decoder of {}: {}", path, e.toString());
        }
      }
      raw.close();
    }
  }

  /** Remembers whether the store's stream failed, so that its errors are not taken for damage. */
  private static final class FailureTracking extends java.io.FilterInputStream {
    IOException failure;

    FailureTracking(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return super.skip(n);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public int available() throws IOException {
      try {
        return super.available();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }
  }
}
