package io.pipelens.agent.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The tailer's timings and hooks; tests shorten them. Only {@link #pollInterval} is a
 * configuration key ({@code poll_interval}, through {@link #of}); the others are internal.
 *
 * @param idleAfter a file without new data for this long gets {@link LineConsumer#idle}, so
 *     multiline records are flushed
 * @param drainQuietPeriod a file that was rotated away or deleted is closed for good once it has
 *     been at its end this long, in case its writer still appends through an open descriptor
 * @param pollInterval how long the reader sleeps when no file had new data ({@code poll_interval})
 * @param containerLogRoots under which directories {@code format: auto} looks for CRI or Docker
 *     JSON
 * @param pathFilter a further filter on discovered paths (namespaces, for container inputs)
 * @param claims which input reads a file that other inputs reach too; one of its own by default
 */
record TailerOptions(
    Duration idleAfter,
    Duration drainQuietPeriod,
    Duration pollInterval,
    List<Path> containerLogRoots,
    Predicate<Path> pathFilter,
    FileClaims claims) {

  /** Options whose files no other input claims. */
  TailerOptions(Duration idleAfter, Duration drainQuietPeriod, Duration pollInterval,
      List<Path> containerLogRoots, Predicate<Path> pathFilter) {
    this(idleAfter, drainQuietPeriod, pollInterval, containerLogRoots, pathFilter, new FileClaims());
  }

  static TailerOptions defaults() {
    return new TailerOptions(
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        FileInputConfig.DEFAULT_POLL_INTERVAL,
        List.of(Path.of("/var/log/pods"), Path.of("/var/log/containers")),
        path -> true);
  }

  /** The defaults, reading at {@code config}'s {@code poll_interval}. */
  static TailerOptions of(FileInputConfig config) {
    return defaults().withPollInterval(config.pollInterval());
  }

  TailerOptions withPollInterval(Duration interval) {
    return new TailerOptions(
        idleAfter, drainQuietPeriod, interval, containerLogRoots, pathFilter, claims);
  }

  TailerOptions withPathFilter(Predicate<Path> filter) {
    return new TailerOptions(
        idleAfter, drainQuietPeriod, pollInterval, containerLogRoots, filter, claims);
  }

  TailerOptions withContainerLogRoots(List<Path> roots) {
    return new TailerOptions(idleAfter, drainQuietPeriod, pollInterval, roots, pathFilter, claims);
  }

  /** The same options, claiming files in {@code shared}, which the agent's other inputs use too. */
  TailerOptions withClaims(FileClaims shared) {
    return new TailerOptions(
        idleAfter, drainQuietPeriod, pollInterval, containerLogRoots, pathFilter, shared);
  }

  boolean underContainerLogRoot(Path path) {
    for (Path root : containerLogRoots) {
      if (path.startsWith(root)) {
        return true;
      }
    }
    return false;
  }
}
