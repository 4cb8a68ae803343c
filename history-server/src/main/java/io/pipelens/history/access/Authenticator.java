package io.pipelens.history.access;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Finds who sent a request, in this order:
 *
 * <ol>
 *   <li>the {@code auth.trusted_header}, when the connection comes from one of {@code
 *       auth.trusted_proxies} (from anywhere else the header is ignored, so a client cannot name
 *       itself), with the groups of {@code auth.groups_header};
 *   <li>{@code Authorization: Basic}, checked against {@code auth.basic}; a wrong user or
 *       password is a 401, never an anonymous request;
 *   <li>otherwise anonymous, which is a 401 when basic auth is configured: then every request
 *       must prove its user.
 * </ol>
 *
 * <p>Groups also come from {@code auth.groups}, the configured membership, for every user.
 */
final class Authenticator {

  private static final int MAX_USER_LENGTH = 256;

  private final String trustedHeader;
  private final String groupsHeader;
  private final List<AddressRange> trustedProxies;
  private final BasicCredentials basic;
  private final String challenge;
  private final Map<String, Set<String>> groupsOfUser;

  Authenticator(AuthConfig config, LongSupplier nanoClock) throws IOException {
    this.trustedHeader = config.trustedHeader();
    this.groupsHeader = config.groupsHeader();
    this.trustedProxies = config.trustedProxies().stream().map(AddressRange::parse).toList();
    this.basic =
        config.basic() == null ? null : new BasicCredentials(config.basic().hashes(), nanoClock);
    this.challenge =
        config.basic() == null
            ? null
            : "Basic realm=\"" + config.basic().realm() + "\", charset=\"UTF-8\"";
    Map<String, Set<String>> byUser = new java.util.HashMap<>();
    config.groups().forEach((group, members) -> {
      for (String member : members) {
        byUser.computeIfAbsent(member.strip(), m -> new HashSet<>()).add(group);
      }
    });
    this.groupsOfUser = Map.copyOf(byUser);
  }

  /**
   * Who sent the request.
   *
   * @param peer the connection's remote address
   * @param header the request's first value of a header, by name; null when absent
   * @throws AccessDenied 401 for wrong or, with basic auth, missing credentials
   */
  Identity identify(InetAddress peer, Function<String, String> header) throws AccessDenied {
    if (trustedHeader != null && fromTrustedProxy(peer)) {
      String user = header.apply(trustedHeader);
      if (user != null && !user.isBlank()) {
        return withGroups(clean(user), groupsHeader == null ? null : header.apply(groupsHeader));
      }
    }
    if (basic != null) {
      String authorization = header.apply("Authorization");
      if (authorization == null) {
        throw AccessDenied.unauthenticated("authentication required", challenge);
      }
      String user = basic.user(authorization);
      if (user == null) {
        throw AccessDenied.unauthenticated("wrong user or password", challenge);
      }
      return withGroups(user, null);
    }
    return Identity.ANONYMOUS;
  }

  /** The challenge a 401 carries; null without basic auth. */
  String challenge() {
    return challenge;
  }

  private boolean fromTrustedProxy(InetAddress peer) {
    for (AddressRange range : trustedProxies) {
      if (range.contains(peer)) {
        return true;
      }
    }
    return false;
  }

  private Identity withGroups(String user, String groupsValue) {
    Set<String> groups = new HashSet<>(groupsOfUser.getOrDefault(user, Set.of()));
    groups.addAll(io.pipelens.history.listing.AttemptAcls.names(groupsValue));
    return new Identity(user, groups);
  }

  /** The header's user, trimmed and bounded, so a log line or a page cannot be flooded with it. */
  private static String clean(String user) {
    String stripped = user.strip();
    return stripped.length() > MAX_USER_LENGTH ? stripped.substring(0, MAX_USER_LENGTH) : stripped;
  }
}
