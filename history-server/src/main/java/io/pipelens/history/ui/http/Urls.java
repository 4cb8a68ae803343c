package io.pipelens.history.ui.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The UI's stable deep links; every id and value is percent-encoded. */
public final class Urls {

  public static final String ROOT = "/ui";

  private Urls() {}

  public static String apps() {
    return ROOT + "/apps";
  }

  public static String app(String appId, String attemptId) {
    return ROOT + "/apps/" + encode(appId) + attempt(attemptId, '?');
  }

  public static String job(String appId, String attemptId, int jobId) {
    return ROOT + "/apps/" + encode(appId) + "/jobs/" + jobId + attempt(attemptId, '?');
  }

  public static String stage(String appId, String attemptId, int stageId, int stageAttemptId) {
    return ROOT + "/apps/" + encode(appId) + "/stages/" + stageId + "/" + stageAttemptId
        + attempt(attemptId, '?');
  }

  /** A SQL execution with its plan. */
  public static String sql(String appId, String attemptId, long executionId) {
    return ROOT + "/apps/" + encode(appId) + "/sql/" + executionId + attempt(attemptId, '?');
  }

  /** The log view; {@code query} values that are null are left out. */
  public static String logs(String appId, Map<String, String> query) {
    return ROOT + "/apps/" + encode(appId) + "/logs" + query(query);
  }

  /** {@code ?a=1&b=2} of the non-null values in iteration order; empty when none. */
  public static String query(Map<String, String> query) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> entry : query.entrySet()) {
      if (entry.getValue() == null) {
        continue;
      }
      out.append(out.length() == 0 ? '?' : '&')
          .append(encode(entry.getKey()))
          .append('=')
          .append(encode(entry.getValue()));
    }
    return out.toString();
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String attempt(String attemptId, char separator) {
    return attemptId == null ? "" : separator + "attempt=" + encode(attemptId);
  }
}
