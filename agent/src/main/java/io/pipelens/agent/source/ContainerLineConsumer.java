package io.pipelens.agent.source;

/**
 * A {@link LineConsumer} that also wants what the container runtime wrote around each message of
 * a CRI or Docker JSON file: its timestamp and whether it came from stderr. When the consumer
 * given to {@link FileTailer} implements this, messages of such files arrive here instead of at
 * {@link #line}; raw files still go to {@link #line}.
 */
public interface ContainerLineConsumer extends LineConsumer {

  /**
   * One message of a container log file, after partial lines were joined; see {@link
   * LineConsumer#line} for the other parameters.
   *
   * @param timeUnixNano the runtime's timestamp of the (first part of the) message in nanoseconds
   *     since the Unix epoch, or 0 when it is missing or does not parse
   * @param stderr whether the runtime says the container wrote it to stderr
   */
  void containerLine(
      SourceFile file,
      long offset,
      long nextOffset,
      byte[] bytes,
      int length,
      boolean truncated,
      long timeUnixNano,
      boolean stderr)
      throws InterruptedException;
}
