package io.pipelens.testsupport.internal;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readiness of an Elasticsearch node: its cluster health is green or yellow. {@code GET /} cannot
 * be used, the integ-test distribution has no handler for it. Yellow is enough because a single
 * node never places the replicas that new indices ask for by default.
 */
public final class ElasticsearchHealth {

  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

  private ElasticsearchHealth() {}

  /** Empty when the cluster at {@code httpUri} is green or yellow, else what it answered. */
  public static Optional<String> pending(URI httpUri) {
    HttpProbe.Answer answer;
    try {
      answer = HttpProbe.get(httpUri.resolve("/_cluster/health"));
    } catch (IOException e) {
      return Optional.of(HttpProbe.describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
    if (answer.status() != 200) {
      return Optional.of("GET /_cluster/health answered " + answer.status() + ": " + answer.body());
    }
    Matcher status = STATUS.matcher(answer.body());
    if (!status.find()) {
      return Optional.of("GET /_cluster/health answered without a status: " + answer.body());
    }
    String color = status.group(1);
    return color.equals("green") || color.equals("yellow")
        ? Optional.empty()
        : Optional.of("cluster health is " + color);
  }
}
