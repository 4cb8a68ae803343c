package io.pipelens.history.access;

import java.util.List;

/**
 * The {@code acls} section: Spark's history server ACLs, off by default as in Spark.
 *
 * <pre>{@code
 * acls:
 *   enabled: true              # spark.history.ui.acls.enable
 *   admin_users: [ops]         # spark.history.ui.admin.acls
 *   admin_groups: [sre]        # spark.history.ui.admin.acls.groups
 * }</pre>
 *
 * @param enabled whether each application's pages and resources are shown only to the users its
 *     ACLs allow; {@code false} by default
 * @param adminUsers users who may see every application; {@code *} for everyone
 * @param adminGroups groups whose members may see every application
 */
public record AclConfig(Boolean enabled, List<String> adminUsers, List<String> adminGroups) {

  /** Applies the defaults. */
  public AclConfig {
    enabled = enabled != null && enabled;
    adminUsers = adminUsers == null ? List.of() : strip(adminUsers);
    adminGroups = adminGroups == null ? List.of() : strip(adminGroups);
  }

  /** ACLs off. */
  public static AclConfig defaults() {
    return new AclConfig(null, null, null);
  }

  private static List<String> strip(List<String> names) {
    return names.stream().map(String::strip).filter(n -> !n.isEmpty()).toList();
  }
}
