package io.pipelens.history.access;

import io.pipelens.history.listing.AttemptSummary;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Function;

/**
 * What the REST API and the web UI ask before answering: {@link #identify} for every request
 * (a 401 when basic auth is on and the request proves no user), then {@link #checkView} before
 * anything of one application: its jobs, stages, executors, environment, SQL, event logs and
 * pages. The application list and each application's summary stay visible to every user who got
 * past {@link #identify}, as in Spark, whose history server lists every application and checks
 * ACLs only when one is opened.
 *
 * <p>Thread-safe.
 */
public final class AccessControl {

  /** No authentication, no ACLs: everything open, the default. */
  public static final AccessControl OPEN = new AccessControl();

  private final Authenticator authenticator;
  private final AccessPolicy policy;

  private AccessControl() {
    this.authenticator = null;
    this.policy = new AccessPolicy(AclConfig.defaults());
  }

  private AccessControl(Authenticator authenticator, AccessPolicy policy) {
    this.authenticator = authenticator;
    this.policy = policy;
  }

  /**
   * Access control as configured.
   *
   * @throws IOException when {@code auth.basic.users_file} cannot be read
   */
  public static AccessControl create(AuthConfig auth, AclConfig acls) throws IOException {
    if (!auth.identifiesUsers() && !acls.enabled()) {
      return OPEN;
    }
    return new AccessControl(new Authenticator(auth, System::nanoTime), new AccessPolicy(acls));
  }

  /** Who sent the request; anonymous when no authentication is configured. */
  public Identity identify(InetAddress peer, Function<String, String> header) throws AccessDenied {
    return authenticator == null ? Identity.ANONYMOUS : authenticator.identify(peer, header);
  }

  /**
   * Passes when {@code identity} may see {@code attempt}.
   *
   * @throws AccessDenied 403 naming the user as Spark does ({@code user "bob" is not
   *     authorized}), or 401 for an anonymous request when basic auth could name one
   */
  public void checkView(Identity identity, AttemptSummary attempt) throws AccessDenied {
    if (!policy.mayView(identity, attempt)) {
      throw denied(identity);
    }
  }

  /** Passes when {@code identity} may see every one of {@code attempts}. */
  public void checkViewAll(Identity identity, List<AttemptSummary> attempts) throws AccessDenied {
    if (!policy.mayViewAll(identity, attempts)) {
      throw denied(identity);
    }
  }

  private AccessDenied denied(Identity identity) {
    if (identity.anonymous()) {
      String challenge = authenticator == null ? null : authenticator.challenge();
      return challenge != null
          ? AccessDenied.unauthenticated("authentication required", challenge)
          : AccessDenied.forbidden(
              "no user: this application's ACLs need one, from a trusted proxy or basic auth");
    }
    // Spark's words (BaseAppResource), so clients that match on them keep working.
    return AccessDenied.forbidden("user \"" + identity.user() + "\" is not authorized");
  }
}
