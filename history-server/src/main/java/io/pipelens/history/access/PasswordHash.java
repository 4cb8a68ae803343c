package io.pipelens.history.access;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A stored password: PBKDF2 with HMAC-SHA256, from the JDK, written {@code
 * pbkdf2-sha256$<iterations>$<salt>$<hash>} with salt and hash in standard Base64. The same as
 * Python's {@code hashlib.pbkdf2_hmac("sha256", password, salt, iterations)}, so a hash can be made
 * anywhere; {@link #main} makes one from standard input.
 *
 * @param iterations at least {@value #MIN_ITERATIONS}
 * @param salt at least 8 bytes
 * @param hash the derived key, 16 to 64 bytes
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {

  /** The scheme's name, the first field of the text form. */
  public static final String SCHEME = "pbkdf2-sha256";

  /** Fewer rounds are rejected when parsing a configuration; OWASP asks 600,000 today. */
  public static final int MIN_ITERATIONS = 10_000;

  /** What {@link #create} uses. */
  public static final int DEFAULT_ITERATIONS = 210_000;

  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";

  /** Copies the arrays. */
  public PasswordHash {
    salt = salt.clone();
    hash = hash.clone();
  }

  /**
   * Parses the text form.
   *
   * @throws IllegalArgumentException naming what is wrong, never echoing the text
   */
  public static PasswordHash parse(String text) {
    String[] parts = text.strip().split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      throw new IllegalArgumentException(
          "must be " + SCHEME + "$<iterations>$<salt base64>$<hash base64>");
    }
    int iterations;
    try {
      iterations = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the iteration count is not a number");
    }
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalArgumentException("needs at least " + MIN_ITERATIONS + " iterations");
    }
    byte[] salt;
    byte[] hash;
    try {
      salt = Base64.getDecoder().decode(parts[2]);
      hash = Base64.getDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("salt and hash must be Base64");
    }
    if (salt.length < 8 || hash.length < 16 || hash.length > 64) {
      throw new IllegalArgumentException("needs a salt of 8 bytes or more and a hash of 16 to 64");
    }
    return new PasswordHash(iterations, salt, hash);
  }

  /** A new hash of {@code password} with a random 16-byte salt. */
  public static PasswordHash create(char[] password, int iterations) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return new PasswordHash(iterations, salt, derive(password, salt, iterations, 32));
  }

  /** Whether {@code password} is the one hashed, compared in constant time. */
  public boolean matches(char[] password) {
    return MessageDigest.isEqual(hash, derive(password, salt, iterations, hash.length));
  }

  /** PBKDF2-HMAC-SHA256 of the password's UTF-8 bytes, as Python and RFC 8018 define it. */
  static byte[] derive(char[] password, byte[] salt, int iterations, int length) {
    // PBEKeySpec hands the chars to HMAC as UTF-8 in the JDK's PBKDF2 implementation.
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, length * 8);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** The text form. */
  public String text() {
    return SCHEME + "$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
        + Base64.getEncoder().encodeToString(hash);
  }

  /** Never the hash itself. */
  @Override
  public String toString() {
    return SCHEME + "[hidden]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PasswordHash that
        && iterations == that.iterations
        && Arrays.equals(salt, that.salt)
        && Arrays.equals(hash, that.hash);
  }

  @Override
  public int hashCode() {
    return 31 * iterations + Arrays.hashCode(salt);
  }

  /**
   * Prints the hash of the password read from the console (not echoed) or, without one, the first
   * line of standard input: {@code java -cp pipelens.jar io.pipelens.history.access.PasswordHash}.
   */
  public static void main(String[] args) throws IOException {
    char[] password;
    Console console = System.console();
    if (console != null) {
      password = console.readPassword("password: ");
    } else {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      password = line == null ? null : line.toCharArray();
    }
    if (password == null || password.length == 0) {
      System.err.println("no password given");
      System.exit(2);
    }
    System.out.println(create(password, DEFAULT_ITERATIONS).text());
  }
}
