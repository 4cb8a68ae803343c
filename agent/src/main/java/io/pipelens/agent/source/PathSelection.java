package io.pipelens.agent.source;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * The paths one input's configuration selects: one of its include globs matches, none of its
 * exclude globs does, and its extra filter (namespaces, for container inputs) lets the path
 * through. Immutable.
 */
final class PathSelection {

  private final List<Glob> include;
  private final List<Glob> exclude;
  private final Predicate<Path> filter;

  PathSelection(List<String> include, List<String> exclude, Predicate<Path> filter) {
    this.include = include.stream().map(Glob::compile).toList();
    this.exclude = exclude.stream().map(Glob::compile).toList();
    this.filter = filter;
  }

  /** The include globs, each walked from its own base directory. */
  List<Glob> include() {
    return include;
  }

  /** Whether {@code path} is selected by any include glob. */
  boolean selects(Path path) {
    for (Glob glob : include) {
      if (glob.matches(path)) {
        return kept(path);
      }
    }
    return false;
  }

  /** Whether {@code path}, found by the walk of {@code walked}, is selected by that glob. */
  boolean selects(Glob walked, Path path) {
    return walked.matches(path) && kept(path);
  }

  // The filter last: an input's claim on a path (InputPrecedence) is only asked for paths its
  // globs keep.
  private boolean kept(Path path) {
    for (Glob excluded : exclude) {
      if (excluded.matches(path)) {
        return false;
      }
    }
    return filter.test(path);
  }
}
