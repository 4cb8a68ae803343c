package io.pipelens.collector.source.otlp;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.Secret;

/**
 * One accepted bearer token. A list of these rather than a map keyed by token, so the token is a
 * {@link Secret} and stays out of the configuration the collector logs at startup; two entries
 * for one team allow rotating its token.
 *
 * @param token the value clients send as {@code Authorization: Bearer <token>}; required
 * @param team the team its records are stamped with ({@code pipelens.team}); required
 */
public record OtlpToken(Secret token, String team) {

  public OtlpToken {
    Checks.required("token", token);
    Checks.require(!token.isEmpty(), "token", "must not be empty");
    Checks.required("team", team);
    Checks.require(!team.isBlank(), "team", "must not be blank");
  }
}
