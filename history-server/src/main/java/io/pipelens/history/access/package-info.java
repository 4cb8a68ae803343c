/**
 * Who asks and what they may see: the user from basic auth or from a header set by a trusted
 * proxy ({@link io.pipelens.history.access.Authenticator}), and Spark's view ACLs per attempt
 * ({@link io.pipelens.history.access.AccessPolicy}), both behind {@link
 * io.pipelens.history.access.AccessControl}, which the REST API and the web UI ask before they
 * answer. Configured by the {@code auth} and {@code acls} sections ({@link
 * io.pipelens.history.access.AuthConfig}, {@link io.pipelens.history.access.AclConfig}). Nothing
 * here depends on HTTP handlers; the handlers turn {@link io.pipelens.history.access.AccessDenied}
 * into their own answers.
 */
package io.pipelens.history.access;
