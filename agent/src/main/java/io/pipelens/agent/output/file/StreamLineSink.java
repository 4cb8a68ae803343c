package io.pipelens.agent.output.file;

import java.io.IOException;
import java.io.PrintStream;

/** Writes lines to a print stream: the agent's standard output, or a test's stream. */
final class StreamLineSink implements LineSink {

  private final PrintStream out;
  private final String description;

  StreamLineSink(PrintStream out, String description) {
    this.out = out;
    this.description = description;
  }

  @Override
  public void open() {}

  @Override
  public void write(byte[] lines, int length) throws IOException {
    // One call, under the stream's lock, so a log line on the same stream cannot land mid-batch.
    out.write(lines, 0, length);
    out.flush();
    if (out.checkError()) {
      throw new IOException("writing to " + description + " failed (is the reading end closed?)");
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    out.flush();
  }
}
