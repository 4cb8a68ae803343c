package io.pipelens.history.listing;

import io.pipelens.history.source.EventLogStore;
import io.pipelens.history.source.StoreEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The event files of one log read as one byte sequence, so that the head and tail logic is the same
 * for single files and rolling logs. Sizes are those of the listing the files came from: bytes
 * appended since are left for the next scan, which keeps offsets consistent within one read.
 */
public final class LogSegments {

  private final EventLogStore store;
  private final List<StoreEntry> files;
  private final long totalSize;
  private long bytesRead;

  public LogSegments(EventLogStore store, List<StoreEntry> files) {
    this.store = store;
    this.files = List.copyOf(files);
    long total = 0;
    for (StoreEntry file : this.files) {
      total += file.size();
    }
    this.totalSize = total;
  }

  public long totalSize() {
    return totalSize;
  }

  /** The bytes from {@code offset} to the end; files after the first are opened lazily. */
  public InputStream open(long offset) {
    return new ConcatenatedStream(offset);
  }

  /** Bytes handed out by all streams opened so far. */
  public long bytesRead() {
    return bytesRead;
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
          current = store.openRange(file.path(), offsetInFile, file.size() - offsetInFile);
        }
        int n = current.read(buffer, off, len);
        if (n > 0) {
          bytesRead += n;
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
}
