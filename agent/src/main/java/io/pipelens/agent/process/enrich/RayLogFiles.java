package io.pipelens.agent.process.enrich;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Ray job a worker's log file belongs to. Ray names a worker's stdout and stderr {@code
 * worker-<worker id>-<job id>-<pid>.out|.err}; the job id is 4 bytes in hex, {@code ffffffff} for a
 * worker not yet given a job.
 */
final class RayLogFiles {

  private static final Pattern WORKER_FILE =
      Pattern.compile("worker-[0-9a-f]+-([0-9a-f]{8})-\\d+\\.(?:out|err)");
  private static final String NIL_JOB = "ffffffff";

  private RayLogFiles() {}

  /** The job id in {@code path}'s file name, or null. */
  static String jobId(Path path) {
    Path name = path.getFileName();
    if (name == null) {
      return null;
    }
    Matcher matcher = WORKER_FILE.matcher(name.toString());
    if (!matcher.matches() || matcher.group(1).equals(NIL_JOB)) {
      return null;
    }
    return matcher.group(1);
  }
}
