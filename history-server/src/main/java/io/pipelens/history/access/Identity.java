package io.pipelens.history.access;

import java.util.Set;

/**
 * Who sent a request.
 *
 * @param user the user name; null for an anonymous request
 * @param groups the user's groups, from the trusted proxy's header and {@code auth.groups}
 */
public record Identity(String user, Set<String> groups) {

  /** A request nobody vouched for. */
  public static final Identity ANONYMOUS = new Identity(null, Set.of());

  /** Copies the groups. */
  public Identity {
    groups = Set.copyOf(groups);
  }

  /** Whether nobody vouched for the request. */
  public boolean anonymous() {
    return user == null;
  }
}
