package io.pipelens.agent.source;

import io.pipelens.agent.source.FileInputConfig.Format;
import io.pipelens.agent.source.SourceFile.LineFormat;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The reading state of one file, keyed by device and inode, owned by the reader thread.
 *
 * <p>States: {@link State#WAITING} for a free slot under {@code max_open_files}; {@link
 * State#OPEN} and read in turn; {@link State#DORMANT}, closed because it was idle or another file
 * needed the slot, and reopened when its size changes. A file that is {@link #gone} (rotated away
 * or deleted) stays open until it has been at its end for the drain quiet period, then is closed
 * for good.
 */
final class TailedFile implements MessageSink {

  enum State {
    WAITING,
    OPEN,
    DORMANT
  }

  final FileKey key;
  private final TailContext context;
  private final Path firstPath;

  Path path;
  State state = State.WAITING;
  FileChannel channel;
  FileIdentity identity;
  long fingerprint;
  LineSplitter splitter;
  LineFraming framing;
  long readOffset;
  long size;
  long dormantSize = -1;
  long lastDataNanos;
  boolean idleNotified = true;
  boolean atEnd;
  boolean reachedEnd;
  // The last read returned bytes: the next one reads before asking the size (see ReaderLoop).
  boolean hadData;
  boolean gone;
  long goneSinceNanos;
  TailedFile predecessor;
  // The part of a rolling Spark event log before this one (events_<n-1>_...), read to its end
  // first so that the log's events stay in order; null for any other file.
  TailedFile earlierPart;

  private LineFormat format;
  private SourceFile source;
  // Set by each read; the consumer hears of it (LineConsumer.read) before the read's first line,
  // once the file as the consumer knows it exists.
  boolean announceRead;

  TailedFile(TailContext context, FileKey key, Path path, long fingerprint, long start, long size,
      long nowNanos) {
    this.context = context;
    this.key = key;
    this.path = path;
    this.firstPath = path;
    this.fingerprint = fingerprint;
    this.identity = new FileIdentity(key.device(), key.inode(), fingerprint);
    this.size = size;
    this.lastDataNanos = nowNanos;
    restartAt(start);
  }

  /** Forgets everything held in memory and reads again from {@code offset}. */
  void restartAt(long offset) {
    readOffset = offset;
    atEnd = false;
    hadData = false;
    if (splitter == null) {
      splitter = new LineSplitter(offset, context.maxLine, context.allocator);
      framing = newFraming();
    } else {
      splitter.reset(offset);
      framing.reset();
    }
  }

  /**
   * Where reading must resume if the file is closed now: the start of the first line or partial
   * message not delivered yet.
   */
  long resumeOffset() {
    long pending = framing.pendingStart();
    return pending >= 0 ? pending : splitter.lineStart();
  }

  /** The file as the consumer knows it; null until a first message decided its format. */
  SourceFile source() {
    return source;
  }

  /**
   * The contents were replaced in place (copytruncate): the old contents are done, and what
   * follows is a new file at the same inode, with a new identity.
   */
  void renew() {
    identity = new FileIdentity(key.device(), key.inode(), 0);
    fingerprint = 0;
    source = null;
    if (context.config.format() == Format.AUTO) {
      format = null;
    }
    splitter = null;
    restartAt(0);
  }

  void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Closing a read-only descriptor loses nothing.
      }
      channel = null;
    }
  }

  @Override
  public void message(long offset, long nextOffset, byte[] bytes, int length, boolean truncated,
      long timeUnixNano, boolean stderr) throws InterruptedException {
    if (source == null) {
      source = new SourceFile(context.input, firstPath, identity, context.stream, format);
    }
    if (announceRead) {
      announceRead = false;
      context.consumer.read(source);
    }
    context.pendingLines++;
    if (truncated) {
      context.pendingTruncatedLines++;
    }
    if (context.containerConsumer != null && format != LineFormat.RAW) {
      context.containerConsumer.containerLine(
          source, offset, nextOffset, bytes, length, truncated, timeUnixNano, stderr);
    } else {
      context.consumer.line(source, offset, nextOffset, bytes, length, truncated);
    }
  }

  private LineFraming newFraming() {
    Format configured = context.config.format();
    if (configured == Format.AUTO && !context.options.underContainerLogRoot(firstPath)) {
      configured = Format.RAW;
    }
    return switch (configured) {
      case RAW -> framing(LineFormat.RAW);
      case CRI -> framing(LineFormat.CRI);
      case DOCKER -> framing(LineFormat.DOCKER_JSON);
      case AUTO -> format != null ? framing(format) : new Detecting();
    };
  }

  private LineFraming framing(LineFormat lineFormat) {
    format = lineFormat;
    return switch (lineFormat) {
      case RAW -> new RawFraming(this);
      case CRI -> new CriFraming(this, context.maxLine, context.allocator);
      case DOCKER_JSON -> new DockerJsonFraming(this, context.maxLine, context.allocator);
    };
  }

  /** {@code format: auto} under a container log directory: the first line decides. */
  private final class Detecting implements LineFraming {
    private LineFraming decided;

    @Override
    public void line(long offset, long nextOffset, byte[] bytes, int length, boolean truncated)
        throws InterruptedException {
      if (decided == null) {
        LineFormat detected =
            DockerJsonFraming.looksLikeDockerJson(bytes, length) ? LineFormat.DOCKER_JSON
                : CriFraming.looksLikeCri(bytes, length) ? LineFormat.CRI
                : LineFormat.RAW;
        decided = framing(detected);
      }
      decided.line(offset, nextOffset, bytes, length, truncated);
    }

    @Override
    public void finish() throws InterruptedException {
      if (decided != null) {
        decided.finish();
      }
    }

    @Override
    public void reset() {
      if (decided != null) {
        decided.reset();
      }
    }

    @Override
    public long pendingStart() {
      return decided == null ? -1 : decided.pendingStart();
    }
  }
}
