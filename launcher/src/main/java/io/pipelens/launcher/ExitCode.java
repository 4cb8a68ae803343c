package io.pipelens.launcher;

/** The launcher's exit codes, as documented in the README. */
public final class ExitCode {
  /** A clean stop, for example after SIGTERM, or {@code --help}. */
  public static final int OK = 0;
  /** Anything that is neither a clean stop nor bad usage: a failure to start or to stop. */
  public static final int FAILURE = 1;
  /** Bad usage or a bad configuration file. */
  public static final int USAGE = 2;

  private ExitCode() {}
}
