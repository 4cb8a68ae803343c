package io.pipelens.history.access;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code Authorization: Basic} headers against the configured password hashes.
 *
 * <p>PBKDF2 costs tens of milliseconds by design, too much for every request of a page and its
 * API calls, so a password once verified is remembered for {@value #REMEMBER_SECONDS} seconds as
 * an HMAC under a key made at start (never the password itself), one per configured user; a wrong
 * password is never remembered and always pays the full PBKDF2 cost. So does an unknown user,
 * against a stand-in hash as costly as the slowest configured one, so that the time of an answer
 * does not tell which user names exist.
 */
final class BasicCredentials {

  static final long REMEMBER_SECONDS = 600;

  private static final String SCHEME = "Basic ";

  private final Map<String, PasswordHash> hashes;
  private final Map<String, Remembered> verified = new ConcurrentHashMap<>();
  private final SecretKeySpec rememberKey;
  private final java.util.function.LongSupplier nanoClock;
  private final PasswordHash unknownUser;

  BasicCredentials(Map<String, PasswordHash> hashes, java.util.function.LongSupplier nanoClock) {
    this.hashes = Map.copyOf(hashes);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.rememberKey = new SecretKeySpec(key, "HmacSHA256");
    this.nanoClock = nanoClock;
    int iterations = this.hashes.values().stream().mapToInt(PasswordHash::iterations).max()
        .orElse(PasswordHash.DEFAULT_ITERATIONS);
    byte[] unguessable = new byte[16];
    new SecureRandom().nextBytes(unguessable);
    this.unknownUser =
        PasswordHash.create(Base64.getEncoder().encodeToString(unguessable).toCharArray(), iterations);
  }

  /**
   * The user an {@code Authorization} header proves; null when it is not basic auth, is
   * malformed, names an unknown user or has the wrong password.
   */
  String user(String authorization) {
    if (authorization == null
        || authorization.length() <= SCHEME.length()
        || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return null;
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(authorization.substring(SCHEME.length()).strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
    char[] text;
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(decoded));
      text = Arrays.copyOf(chars.array(), chars.limit());
      Arrays.fill(chars.array(), '\0');
    } catch (CharacterCodingException e) {
      return null;
    } finally {
      Arrays.fill(decoded, (byte) 0);
    }
    int colon = -1;
    for (int i = 0; i < text.length; i++) {
      if (text[i] == ':') {
        colon = i;
        break;
      }
    }
    if (colon <= 0) {
      return null;
    }
    String user = new String(text, 0, colon);
    char[] password = Arrays.copyOfRange(text, colon + 1, text.length);
    Arrays.fill(text, '\0');
    try {
      return verify(user, password) ? user : null;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private boolean verify(String user, char[] password) {
    PasswordHash hash = hashes.get(user);
    if (hash == null) {
      unknownUser.matches(password); // the cost of a wrong password; the answer is no either way
      return false;
    }
    byte[] mac = mac(user, password);
    long now = nanoClock.getAsLong();
    Remembered remembered = verified.get(user);
    if (remembered != null
        && now - remembered.atNanos() < REMEMBER_SECONDS * 1_000_000_000L
        && MessageDigest.isEqual(mac, remembered.mac())) {
      return true;
    }
    if (!hash.matches(password)) {
      return false;
    }
    verified.put(user, new Remembered(mac, now));
    return true;
  }

  /** The stand-in an unknown user's password is checked against; for tests. */
  PasswordHash unknownUserHash() {
    return unknownUser;
  }

  private byte[] mac(String user, char[] password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(rememberKey);
      mac.update(user.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
      mac.update(bytes);
      Arrays.fill(bytes.array(), (byte) 0);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private record Remembered(byte[] mac, long atNanos) {}
}
