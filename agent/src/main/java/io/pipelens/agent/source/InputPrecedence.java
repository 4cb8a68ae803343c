package io.pipelens.agent.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which input reads a file that the paths of several inputs select: the first of them in the
 * configuration's {@code inputs} order. Two inputs reading one file would ship each of its lines
 * twice and feed its one processor (multiline state, checkpoint) from two reader threads; so a
 * later input leaves such a file to the earlier one, and says so once per pair of inputs.
 *
 * <p>Paths are compared as discovery finds them. What paths do not show, one file at two paths (a
 * symbolic link in one input, its target in another) or renamed out of one input's paths into
 * another's, the inputs settle by the file itself through {@link #claims()}: whichever tracks it
 * first reads it, and hands it over where it stopped.
 *
 * <p>Register every input, in order, before any tailer starts; thread-safe after that.
 */
public final class InputPrecedence {

  private static final Logger LOG = LoggerFactory.getLogger(InputPrecedence.class);

  private final List<String> inputs = new ArrayList<>();
  private final List<PathSelection> selections = new ArrayList<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private final FileClaims claims = new FileClaims();

  /** Adds a {@code file} input, after those added before it. */
  public InputPrecedence file(String input, FileInputConfig config) {
    return add(input, new PathSelection(config.paths(), config.exclude(), path -> true));
  }

  /** Adds a {@code container} input, after those added before it. */
  public InputPrecedence containers(String input, ContainerInputConfig config) {
    FileInputConfig files = config.fileInput();
    return add(input, new PathSelection(files.paths(), files.exclude(), config::accepts));
  }

  private InputPrecedence add(String input, PathSelection selection) {
    if (inputs.contains(input)) {
      throw new IllegalArgumentException("input " + input + " is registered twice");
    }
    inputs.add(input);
    selections.add(selection);
    return this;
  }

  /** Which input holds each file by device and inode, shared by every input registered here. */
  FileClaims claims() {
    return claims;
  }

  /**
   * Whether {@code input} reads {@code path}, which its own paths select: no input registered
   * before it selects the path too. An input that was never registered comes after all of them.
   */
  boolean reads(String input, Path path) {
    for (int i = 0; i < inputs.size(); i++) {
      String earlier = inputs.get(i);
      if (earlier.equals(input)) {
        return true;
      }
      if (selections.get(i).selects(path)) {
        if (warned.add(input + '\n' + earlier)) {
          LOG.warn(
              "input {} leaves {} to input {}, which comes before it in inputs and selects it too:"
                  + " a file is read by one input only (further files left to {} are not logged)",
              input, path, earlier, earlier);
        }
        return false;
      }
    }
    return true;
  }
}
