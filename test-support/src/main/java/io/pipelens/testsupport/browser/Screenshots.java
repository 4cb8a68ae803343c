package io.pipelens.testsupport.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes screenshot bytes to a file, creating its directory. */
final class Screenshots {

  private Screenshots() {}

  static Path write(byte[] png, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(file, png);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write screenshot " + file, e);
    }
  }
}
