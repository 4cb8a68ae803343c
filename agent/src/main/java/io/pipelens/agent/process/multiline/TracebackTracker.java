package io.pipelens.agent.process.multiline;

import java.nio.charset.StandardCharsets;

/**
 * Follows Python tracebacks line by line, because their last line ({@code ValueError: bad}) starts
 * at column 0 like any new log line: only knowing that the frames came before tells it apart.
 *
 * <pre>
 * Traceback (most recent call last):              header: joins the line logged before it
 *   File "/app/job.py", line 10, in &lt;module&gt;     frames: indented
 *     main()
 * ValueError: bad shard                           the exception line: the first line at column 0
 *                                                 then blank lines and the chaining sentences,
 * During handling of the above exception, ...     which lead to another header
 * </pre>
 */
final class TracebackTracker {

  private static final byte[] HEADER = ascii("Traceback (most recent call last):");
  private static final byte[] DURING = ascii("During handling of the above exception");
  private static final byte[] CAUSE = ascii("The above exception was the direct cause");

  private enum State {
    OUTSIDE,
    FRAMES,
    AFTER_EXCEPTION
  }

  private State state = State.OUTSIDE;

  /**
   * Reads the next line and says whether it belongs to the traceback going on before it (the header
   * itself counts, so that a traceback stays with the message logged just before it).
   */
  boolean continues(byte[] line, int length, boolean blank) {
    boolean header = startsWith(line, length, HEADER);
    boolean indented = length > 0 && (line[0] == ' ' || line[0] == '\t');
    switch (state) {
      case FRAMES:
        if (!header && !indented && !blank) {
          state = State.AFTER_EXCEPTION; // the exception line closes the frames
        }
        return true;
      case AFTER_EXCEPTION:
        if (header) {
          state = State.FRAMES;
          return true;
        }
        if (blank || indented || startsWith(line, length, DURING) || startsWith(line, length, CAUSE)) {
          return true;
        }
        state = State.OUTSIDE;
        return false;
      default:
        if (header) {
          state = State.FRAMES;
          return true;
        }
        return false;
    }
  }

  private static boolean startsWith(byte[] line, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (line[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
