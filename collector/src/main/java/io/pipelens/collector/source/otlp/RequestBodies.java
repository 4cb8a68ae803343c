package io.pipelens.collector.source.otlp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Reads a request body into memory, never more than the limit, decompressing gzip. */
final class RequestBodies {

  private RequestBodies() {}

  /**
   * The body's bytes, decompressed when {@code contentEncoding} is {@code gzip}.
   *
   * @throws BodyTooLargeException as soon as more than {@code limit} bytes arrive, compressed or
   *     decompressed, so a zip bomb costs at most {@code limit} bytes of memory
   * @throws java.util.zip.ZipException if the body is not valid gzip
   */
  static byte[] read(InputStream body, boolean gzip, int limit) throws IOException {
    InputStream in = new CappedInputStream(body, limit, "request body");
    if (gzip) {
      in = new CappedInputStream(new GZIPInputStream(in, 8192), limit, "decompressed request body");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 64 * 1024));
    in.transferTo(out);
    return out.toByteArray();
  }

  /** Fails once more than the limit was read. */
  private static final class CappedInputStream extends InputStream {
    private final InputStream in;
    private final long limit;
    private final String what;
    private long read;

    CappedInputStream(InputStream in, long limit, String what) {
      this.in = in;
      this.limit = limit;
      this.what = what;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws BodyTooLargeException {
      read += n;
      if (read > limit) {
        throw new BodyTooLargeException(what + " is larger than max_request_size (" + limit + " bytes)");
      }
    }
  }
}
