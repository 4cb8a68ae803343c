package io.pipelens.history.listing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of all listed applications, in Spark's order.
 *
 * <p>Grouping follows Spark's {@code FsHistoryProvider}: attempts with the same {@code App ID} form
 * one application, attempts sorted by start time descending; applications are sorted by their
 * newest attempt's end time descending, so running applications (end time -1) come last. Ties,
 * which Spark leaves to its key-value index, are broken by id descending, which is what that index
 * yields.
 *
 * <p>If two logs carry the same application and attempt id (an {@code .inprogress} file next to its
 * finished copy during the rename), the completed one, else the most recently updated one, wins.
 */
public final class ApplicationListing {

  private static final ApplicationListing EMPTY = new ApplicationListing(List.of());

  /** Newest start first; attempt id descending as a deterministic tie-break. */
  private static final Comparator<AttemptSummary> ATTEMPT_ORDER =
      Comparator.comparingLong(AttemptSummary::startTime)
          .thenComparing(
              AttemptSummary::attemptId, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
          .reversed();

  private static final Comparator<ApplicationSummary> APPLICATION_ORDER =
      Comparator.comparingLong((ApplicationSummary app) -> app.latestAttempt().endTime())
          .thenComparing(ApplicationSummary::id)
          .reversed();

  /** Which of two logs of the same attempt to show. */
  private static final Comparator<AttemptSummary> PREFERRED =
      Comparator.comparing(AttemptSummary::completed)
          .thenComparingLong(AttemptSummary::lastUpdated)
          .thenComparing(AttemptSummary::logKey);

  private final List<ApplicationSummary> applications;
  private final Map<String, ApplicationSummary> byId;

  private ApplicationListing(List<ApplicationSummary> applications) {
    this.applications = List.copyOf(applications);
    Map<String, ApplicationSummary> index = new HashMap<>();
    for (ApplicationSummary app : this.applications) {
      index.put(app.id(), app);
    }
    this.byId = index;
  }

  /** No applications. */
  public static ApplicationListing empty() {
    return EMPTY;
  }

  /** Groups and orders {@code attempts}, which may come from any number of logs and stores. */
  public static ApplicationListing of(Collection<AttemptSummary> attempts) {
    Map<String, Map<AttemptKey, AttemptSummary>> byApp = new LinkedHashMap<>();
    for (AttemptSummary attempt : attempts) {
      byApp
          .computeIfAbsent(attempt.appId(), id -> new LinkedHashMap<>())
          .merge(
              new AttemptKey(attempt.attemptId()),
              attempt,
              (a, b) -> PREFERRED.compare(a, b) >= 0 ? a : b);
    }
    List<ApplicationSummary> apps = new ArrayList<>(byApp.size());
    for (Map.Entry<String, Map<AttemptKey, AttemptSummary>> entry : byApp.entrySet()) {
      List<AttemptSummary> sorted = new ArrayList<>(entry.getValue().values());
      sorted.sort(ATTEMPT_ORDER);
      apps.add(new ApplicationSummary(entry.getKey(), sorted.get(0).appName(), sorted));
    }
    apps.sort(APPLICATION_ORDER);
    return new ApplicationListing(apps);
  }

  /** All applications in listing order. */
  public List<ApplicationSummary> applications() {
    return applications;
  }

  /** The application with this exact id. */
  public Optional<ApplicationSummary> application(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** How many applications are listed. */
  public int size() {
    return applications.size();
  }

  /** Attempt ids may be absent; a record key makes null an ordinary value. */
  private record AttemptKey(String attemptId) {}
}
