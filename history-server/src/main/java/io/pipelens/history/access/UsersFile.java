package io.pipelens.history.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code auth.basic.users_file}: {@code user:hash} lines; blank lines and {@code #} comments. */
final class UsersFile {

  private static final long MAX_BYTES = 1 << 20;

  private UsersFile() {}

  /**
   * The users in {@code file}.
   *
   * @throws IllegalArgumentException naming the first bad line (never its hash)
   */
  static Map<String, PasswordHash> read(Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new IllegalArgumentException("larger than 1 MiB");
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Map<String, PasswordHash> users = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      String user = colon < 0 ? "" : line.substring(0, colon).strip();
      if (!AuthConfig.Basic.validUser(user)) {
        throw new IllegalArgumentException("line " + (i + 1) + ": expected user:hash");
      }
      PasswordHash hash;
      try {
        hash = PasswordHash.parse(line.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + " (" + user + "): " + e.getMessage());
      }
      if (users.put(user, hash) != null) {
        throw new IllegalArgumentException("line " + (i + 1) + ": user " + user + " appears twice");
      }
    }
    return users;
  }
}
