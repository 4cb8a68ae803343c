package io.pipelens.collector.source.otlp;

import io.pipelens.core.config.Secret;
import java.util.List;

/** Which team an {@code Authorization: Bearer} header stands for. */
final class BearerTokens {

  private static final String SCHEME = "Bearer ";

  private final List<OtlpToken> tokens;

  BearerTokens(List<OtlpToken> tokens) {
    this.tokens = List.copyOf(tokens);
  }

  /** The team of the header's token; null when the header is missing, malformed or unknown. */
  String team(String authorization) {
    if (authorization == null || authorization.length() <= SCHEME.length()
        || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return null;
    }
    Secret presented = Secret.of(authorization.substring(SCHEME.length()).strip());
    String team = null;
    // Every token is compared (in constant time, by Secret.equals) so timing tells nothing.
    for (OtlpToken token : tokens) {
      if (token.token().equals(presented) && team == null) {
        team = token.team();
      }
    }
    return team;
  }
}
