package io.pipelens.history.listing;

import io.pipelens.history.source.EventLogCodec;
import io.pipelens.history.source.EventLogDecoder;
import io.pipelens.history.source.EventLogStore;
import io.pipelens.history.source.StoreEntry;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The event files of one log read as one byte sequence, so that the head and tail logic is the same
 * for single files and rolling logs. Sizes are those of the listing the files came from: bytes
 * appended since are left for the next scan, which keeps offsets consistent within one read.
 *
 * <p>Compressed files ({@link EventLogCodec}) are decoded, each from its start, with one {@link
 * EventLogDecoder.Budget} for the whole log; offsets are then positions in the decoded bytes, and a
 * compressed log can only be {@linkplain #open opened} at offset 0.
 */
public final class LogSegments {

  private final EventLogStore store;
  private final List<StoreEntry> files;
  private final long totalSize;
  private final boolean compressed;
  private final EventLogDecoder decoder;
  private final EventLogDecoder.Budget budget;
  private long bytesRead;

  /** Segments of uncompressed files, or compressed ones decoded with default limits. */
  public LogSegments(EventLogStore store, List<StoreEntry> files) {
    this(store, files, new EventLogDecoder());
  }

  /** Segments whose compressed files are decoded by {@code decoder}. */
  public LogSegments(EventLogStore store, List<StoreEntry> files, EventLogDecoder decoder) {
    this.store = store;
    this.files = List.copyOf(files);
    long total = 0;
    boolean anyCompressed = false;
    for (StoreEntry file : this.files) {
      total += file.size();
      anyCompressed |= codec(file).compressed();
    }
    this.totalSize = total;
    this.compressed = anyCompressed;
    this.decoder = decoder;
    this.budget = decoder.budget();
  }

  /** Stored bytes over all files (compressed bytes for a compressed log). */
  public long totalSize() {
    return totalSize;
  }

  /** Whether any file is compressed, so that offsets are decoded positions and only 0 opens. */
  public boolean compressed() {
    return compressed;
  }

  /**
   * The bytes from {@code offset} to the end, decoded; files after the first are opened lazily.
   *
   * @throws IllegalArgumentException for an offset other than 0 on a compressed log
   */
  public InputStream open(long offset) {
    if (compressed && offset != 0) {
      throw new IllegalArgumentException("a compressed log is only read from its start");
    }
    return new ConcatenatedStream(offset);
  }

  /** Stored bytes fetched by all streams opened so far (before decoding). */
  public long bytesRead() {
    return bytesRead;
  }

  /** Decoded bytes of compressed files handed out so far; 0 for an uncompressed log. */
  public long decodedBytes() {
    return budget.used();
  }

  private static EventLogCodec codec(StoreEntry file) {
    return EventLogCodec.ofFileName(file.name()).orElse(EventLogCodec.NONE);
  }

  private final class ConcatenatedStream extends InputStream {
    private int fileIndex;
    private long offsetInFile;
    private InputStream current;

    ConcatenatedStream(long offset) {
      long remaining = Math.max(0, offset);
      int index = 0;
      while (index < files.size() && remaining >= files.get(index).size()) {
        remaining -= files.get(index).size();
        index++;
      }
      this.fileIndex = index;
      this.offsetInFile = remaining;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (fileIndex < files.size()) {
        if (current == null) {
          StoreEntry file = files.get(fileIndex);
          InputStream raw =
              new Counting(store.openRange(file, offsetInFile, file.size() - offsetInFile));
          EventLogCodec codec = codec(file);
          current =
              codec.compressed()
                  ? decoder.decode(raw, codec, store.location() + file.path(), budget)
                  : raw;
        }
        int n = current.read(buffer, off, len);
        if (n > 0) {
          return n;
        }
        current.close();
        current = null;
        fileIndex++;
        offsetInFile = 0;
      }
      return -1;
    }

    @Override
    public void close() throws IOException {
      if (current != null) {
        current.close();
        current = null;
      }
      fileIndex = files.size();
    }
  }

  /** Counts the stored bytes read, whatever decodes them. */
  private final class Counting extends FilterInputStream {
    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        bytesRead++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        bytesRead += n;
      }
      return n;
    }
  }
}
