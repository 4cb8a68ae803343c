package io.pipelens.history.listing;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who may see an attempt, by the application's own Spark properties, read from its first {@code
 * SparkListenerEnvironmentUpdate} as Spark's history server reads them: {@code
 * spark.ui.view.acls}, {@code spark.ui.view.acls.groups}, {@code spark.admin.acls} and {@code
 * spark.admin.acls.groups}, each a comma-separated list whose blank items are dropped. The owner
 * ({@code User} of the application start) is not in here; {@code
 * io.pipelens.history.access.AccessPolicy} adds it.
 *
 * @param viewUsers {@code spark.ui.view.acls}
 * @param viewGroups {@code spark.ui.view.acls.groups}
 * @param adminUsers {@code spark.admin.acls}
 * @param adminGroups {@code spark.admin.acls.groups}
 */
public record AttemptAcls(
    Set<String> viewUsers, Set<String> viewGroups, Set<String> adminUsers, Set<String> adminGroups) {

  /** No ACLs set: only the owner and the server's admins may see the attempt. */
  public static final AttemptAcls NONE = new AttemptAcls(Set.of(), Set.of(), Set.of(), Set.of());

  static final String VIEW_ACLS = "spark.ui.view.acls";
  static final String VIEW_ACLS_GROUPS = "spark.ui.view.acls.groups";
  static final String ADMIN_ACLS = "spark.admin.acls";
  static final String ADMIN_ACLS_GROUPS = "spark.admin.acls.groups";

  /** Copies the sets. */
  public AttemptAcls {
    viewUsers = Set.copyOf(viewUsers);
    viewGroups = Set.copyOf(viewGroups);
    adminUsers = Set.copyOf(adminUsers);
    adminGroups = Set.copyOf(adminGroups);
  }

  /** Whether the listing keeps {@code key} of the Spark properties. */
  static boolean wanted(String key) {
    return key.equals(VIEW_ACLS)
        || key.equals(VIEW_ACLS_GROUPS)
        || key.equals(ADMIN_ACLS)
        || key.equals(ADMIN_ACLS_GROUPS);
  }

  /** The ACLs in {@code properties} (only {@link #wanted} keys need be there). */
  static AttemptAcls of(Map<String, String> properties) {
    AttemptAcls acls =
        new AttemptAcls(
            names(properties.get(VIEW_ACLS)),
            names(properties.get(VIEW_ACLS_GROUPS)),
            names(properties.get(ADMIN_ACLS)),
            names(properties.get(ADMIN_ACLS_GROUPS)));
    return acls.equals(NONE) ? NONE : acls;
  }

  /** A comma-separated list as a set, items trimmed, blank ones dropped; Spark's reading. */
  public static Set<String> names(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return Set.of();
    }
    Set<String> names = new LinkedHashSet<>();
    for (String item : commaSeparated.split(",")) {
      String name = item.strip();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }
}
