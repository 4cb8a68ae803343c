package io.pipelens.history.access;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code auth} section: how the history server learns who asks. Without it every request is
 * anonymous, as in Spark without a servlet filter.
 *
 * <pre>{@code
 * auth:
 *   trusted_header: X-Forwarded-User       # set by an authenticating proxy
 *   groups_header: X-Forwarded-Groups      # comma-separated, from the same proxy
 *   trusted_proxies: [127.0.0.1, 10.0.0.0/8]
 *   basic:
 *     users_file: /etc/pipelens/history-users   # lines user:pbkdf2-sha256$...
 *     users:
 *       alice: ${ALICE_PASSWORD_HASH}
 *     realm: pipelens history server
 *   groups:
 *     data-eng: [alice, bob]
 * }</pre>
 *
 * @param trustedHeader the request header that names the user, honoured only on connections from
 *     {@code trustedProxies}; null: no header is trusted, whatever a client sends
 * @param groupsHeader a header with the user's groups, comma-separated, honoured like {@code
 *     trustedHeader} and only with it
 * @param trustedProxies addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code ::1}) of the proxies
 *     that set {@code trustedHeader}; required with it
 * @param basic users and password hashes for HTTP basic auth; null: no basic auth
 * @param groups group name to its members, for users whose proxy sends no groups
 */
public record AuthConfig(
    String trustedHeader,
    String groupsHeader,
    List<String> trustedProxies,
    Basic basic,
    Map<String, List<String>> groups) {

  /** Checks that a trusted header comes with the proxies it is trusted from. */
  public AuthConfig {
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    groups = groups == null ? Map.of() : Map.copyOf(groups);
    if (trustedHeader != null) {
      Checks.require(isToken(trustedHeader), "trusted_header", trustedHeader,
          "must be an HTTP header name");
      Checks.require(!trustedHeader.equalsIgnoreCase("Authorization"), "trusted_header",
          trustedHeader, "must not be Authorization, which basic auth reads");
      Checks.require(!trustedProxies.isEmpty(), "trusted_proxies",
          "is required with trusted_header: the addresses of the proxies that set it");
    }
    if (groupsHeader != null) {
      Checks.require(trustedHeader != null, "groups_header", "needs trusted_header");
      Checks.require(isToken(groupsHeader), "groups_header", groupsHeader,
          "must be an HTTP header name");
    }
    for (int i = 0; i < trustedProxies.size(); i++) {
      String proxy = trustedProxies.get(i);
      try {
        AddressRange.parse(proxy);
      } catch (IllegalArgumentException e) {
        throw new io.pipelens.core.config.InvalidValueException(
            "trusted_proxies[" + i + "]", proxy, e.getMessage());
      }
    }
    Checks.require(trustedHeader != null || trustedProxies.isEmpty(), "trusted_proxies",
        "needs trusted_header");
  }

  /** Whether any way to learn the user is configured. */
  public boolean identifiesUsers() {
    return trustedHeader != null || basic != null;
  }

  /** No authentication: every request is anonymous. */
  public static AuthConfig none() {
    return new AuthConfig(null, null, null, null, null);
  }

  private static boolean isToken(String name) {
    return name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
  }

  /**
   * {@code auth.basic}: HTTP basic auth against PBKDF2 password hashes ({@link PasswordHash}).
   *
   * @param users user name to password hash, inline
   * @param usersFile a file of {@code user:hash} lines ({@code #} starts a comment), read at
   *     start; absolute
   * @param realm what browsers show when they ask for the password; {@code pipelens history
   *     server} by default
   */
  public record Basic(Map<String, Secret> users, Path usersFile, String realm) {

    /** The realm when none is set. */
    public static final String DEFAULT_REALM = "pipelens history server";

    /** Checks every hash and the file, so a typo stops the start, not a login. */
    public Basic {
      users = users == null ? Map.of() : Map.copyOf(users);
      realm = realm == null ? DEFAULT_REALM : realm;
      Checks.require(!realm.isBlank() && !realm.contains("\"") && realm.chars().allMatch(c -> c >= 0x20 && c < 0x7f),
          "realm", realm, "must be printable ASCII without quotes");
      for (Map.Entry<String, Secret> user : users.entrySet()) {
        Checks.require(validUser(user.getKey()), "users", user.getKey(),
            "a user name must not be empty nor contain ':' or control characters");
        try {
          PasswordHash.parse(user.getValue().value());
        } catch (IllegalArgumentException e) {
          throw new io.pipelens.core.config.InvalidValueException(
              "users." + user.getKey(), e.getMessage());
        }
      }
      if (usersFile != null) {
        Checks.require(usersFile.isAbsolute(), "users_file", usersFile, "must be an absolute path");
        try {
          for (String user : UsersFile.read(usersFile).keySet()) {
            Checks.require(!users.containsKey(user), "users_file", usersFile,
                "user " + user + " is also set in users");
          }
        } catch (io.pipelens.core.config.InvalidValueException e) {
          throw e;
        } catch (java.nio.file.NoSuchFileException e) {
          throw new io.pipelens.core.config.InvalidValueException(
              "users_file", usersFile, "does not exist");
        } catch (IOException e) {
          throw new io.pipelens.core.config.InvalidValueException(
              "users_file", usersFile, "cannot be read: " + e);
        } catch (IllegalArgumentException e) {
          throw new io.pipelens.core.config.InvalidValueException(
              "users_file", usersFile, e.getMessage());
        }
      }
      Checks.require(!users.isEmpty() || usersFile != null, "users",
          "set users or users_file, or leave basic out");
    }

    /** Every user with the hash of their password: the inline ones, then the file's. */
    public Map<String, PasswordHash> hashes() throws IOException {
      Map<String, PasswordHash> all = new java.util.HashMap<>();
      users.forEach((user, hash) -> all.put(user, PasswordHash.parse(hash.value())));
      if (usersFile != null) {
        for (Map.Entry<String, PasswordHash> user : UsersFile.read(usersFile).entrySet()) {
          // The constructor already refused a user in both.
          all.putIfAbsent(user.getKey(), user.getValue());
        }
      }
      return Map.copyOf(all);
    }

    static boolean validUser(String user) {
      return !user.isEmpty() && user.indexOf(':') < 0 && user.chars().noneMatch(Character::isISOControl);
    }
  }
}
