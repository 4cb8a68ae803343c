package io.pipelens.history.access;

import io.pipelens.history.listing.AttemptAcls;
import io.pipelens.history.listing.AttemptSummary;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Spark's view permission for one attempt, as its history server builds a {@code SecurityManager}
 * per attempt: the view users are the server's admins, the application's {@code spark.admin.acls},
 * its owner ({@code User} of the application start) and its {@code spark.ui.view.acls}; the view
 * groups are the server's admin groups, {@code spark.admin.acls.groups} and {@code
 * spark.ui.view.acls.groups}. A user may view when ACLs are off, when named in the view users,
 * when {@code *} is among the view users or groups, or when one of their groups is a view group.
 *
 * <p>One difference on purpose: Spark lets a request without a user see everything (it assumes
 * no authentication is set up); here an anonymous request sees only what {@code *} opens to
 * everyone, so enabling ACLs never leaves a way around them. Spark also adds the user running the
 * history server to every view list, which has no meaning for a server that runs as a service
 * account, and is not done here.
 */
final class AccessPolicy {

  static final String WILDCARD = "*";

  private final boolean enabled;
  private final Set<String> adminUsers;
  private final Set<String> adminGroups;

  AccessPolicy(AclConfig config) {
    this.enabled = config.enabled();
    this.adminUsers = Set.copyOf(config.adminUsers());
    this.adminGroups = Set.copyOf(config.adminGroups());
  }

  boolean enabled() {
    return enabled;
  }

  /** Whether {@code identity} may see {@code attempt}'s pages, resources and event logs. */
  boolean mayView(Identity identity, AttemptSummary attempt) {
    if (!enabled) {
      return true;
    }
    AttemptAcls acls = attempt.acls();
    Set<String> users = new HashSet<>(adminUsers);
    users.addAll(acls.adminUsers());
    if (attempt.sparkUser() != null) {
      users.add(attempt.sparkUser());
    }
    users.addAll(acls.viewUsers());
    Set<String> groups = new HashSet<>(adminGroups);
    groups.addAll(acls.adminGroups());
    groups.addAll(acls.viewGroups());
    if (users.contains(WILDCARD) || groups.contains(WILDCARD)) {
      return true;
    }
    if (identity.anonymous()) {
      return false;
    }
    if (users.contains(identity.user())) {
      return true;
    }
    for (String group : identity.groups()) {
      if (groups.contains(group)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code identity} may see every attempt of an application. */
  boolean mayViewAll(Identity identity, List<AttemptSummary> attempts) {
    for (AttemptSummary attempt : attempts) {
      if (!mayView(identity, attempt)) {
        return false;
      }
    }
    return true;
  }
}
