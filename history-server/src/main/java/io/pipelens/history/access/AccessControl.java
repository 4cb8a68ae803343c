package io.pipelens.history.access;

import io.pipelens.history.listing.AttemptSummary;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;

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
  private final IntConsumer denied;

  private AccessControl() {
    this.authenticator = null;
    this.policy = new AccessPolicy(AclConfig.defaults());
    this.denied = status -> {};
  }

  private AccessControl(Authenticator authenticator, AccessPolicy policy, IntConsumer denied) {
    this.authenticator = authenticator;
    this.policy = policy;
    this.denied = denied;
  }

  /** Access control as configured, counting nothing. */
  public static AccessControl create(AuthConfig auth, AclConfig acls) throws IOException {
    return create(auth, acls, status -> {});
  }

  /**
   * Access control as configured.
   *
   * @param denied told the status (401 or 403) of every refused request, for metrics
   * @throws IOException when {@code auth.basic.users_file} cannot be read
   */
  public static AccessControl create(AuthConfig auth, AclConfig acls, IntConsumer denied)
      throws IOException {
    if (!auth.identifiesUsers() && !acls.enabled()) {
      return OPEN;
    }
    return new AccessControl(
        new Authenticator(auth, System::nanoTime), new AccessPolicy(acls), denied);
  }

  /** Who sent the request; anonymous when no authentication is configured. */
  public Identity identify(InetAddress peer, Function<String, String> header) throws AccessDenied {
    if (authenticator == null) {
      return Identity.ANONYMOUS;
    }
    try {
      return authenticator.identify(peer, header);
    } catch (AccessDenied e) {
      denied.accept(e.status());
      throw e;
    }
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
    AccessDenied refusal = refusal(identity);
    denied.accept(refusal.status());
    return refusal;
  }

  private AccessDenied refusal(Identity identity) {
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
