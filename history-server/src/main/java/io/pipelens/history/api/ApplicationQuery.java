package io.pipelens.history.api;

import io.pipelens.history.listing.ApplicationSummary;
import io.pipelens.history.listing.AttemptSummary;
import io.pipelens.history.listing.Liveness;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The filters of {@code GET /applications}, with Spark's semantics ({@code
 * ApplicationListResource}).
 *
 * <p>An application is running if its newest attempt is. It is kept when its status is wanted and
 * any attempt's start lies within {@code [minDate, maxDate]} and, for a completed application, that
 * attempt's end lies within {@code [minEndDate, maxEndDate]}; a running application passes the
 * end-date test only while {@code maxEndDate} is in the future. Bounds are inclusive; the defaults
 * are Spark's, 2010-01-01 to 3000-01-01, so attempts that started before 2010 are never listed.
 * {@code limit} applies after filtering; Spark accepts zero and negative limits and lists nothing.
 *
 * @param statuses wanted statuses; all when the parameter is absent
 * @param minStart lower bound of the start time, epoch milliseconds
 * @param maxStart upper bound of the start time
 * @param minEnd lower bound of the end time
 * @param maxEnd upper bound of the end time
 * @param limit most applications to return
 */
record ApplicationQuery(
    Set<ApplicationStatus> statuses,
    long minStart,
    long maxStart,
    long minEnd,
    long maxEnd,
    int limit) {

  private static final String DEFAULT_MIN_DATE = "2010-01-01";
  private static final String DEFAULT_MAX_DATE = "3000-01-01";

  /**
   * Binds the query parameters like Spark's JAX-RS resource: unknown names are ignored and, for
   * single-valued parameters, the first value counts.
   *
   * @throws ApiException 400 for a value Spark could not convert
   */
  static ApplicationQuery from(QueryParameters parameters) {
    Set<ApplicationStatus> statuses = EnumSet.noneOf(ApplicationStatus.class);
    for (String value : parameters.all("status")) {
      statuses.add(
          ApplicationStatus.parse(value)
              .orElseThrow(
                  () ->
                      ApiException.badParameter(
                          "status", "application status (completed or running)", value)));
    }
    if (statuses.isEmpty()) {
      statuses = EnumSet.allOf(ApplicationStatus.class);
    }
    int limit = Integer.MAX_VALUE;
    if (parameters.first("limit").isPresent()) {
      String value = parameters.first("limit").get();
      try {
        limit = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw ApiException.badParameter("limit", "int", value);
      }
    }
    return new ApplicationQuery(
        statuses,
        date(parameters, "minDate", DEFAULT_MIN_DATE),
        date(parameters, "maxDate", DEFAULT_MAX_DATE),
        date(parameters, "minEndDate", DEFAULT_MIN_DATE),
        date(parameters, "maxEndDate", DEFAULT_MAX_DATE),
        limit);
  }

  /** The applications of {@code listing} that pass, in listing order, at most {@link #limit()}. */
  List<ApplicationSummary> apply(List<ApplicationSummary> listing, long nowMillis) {
    return apply(listing, nowMillis, Liveness.NEVER_ABANDONED);
  }

  /** As {@link #apply(List, long)}, telling abandoned applications from running ones. */
  List<ApplicationSummary> apply(
      List<ApplicationSummary> listing, long nowMillis, Liveness liveness) {
    List<ApplicationSummary> kept = new ArrayList<>();
    for (ApplicationSummary app : listing) {
      if (kept.size() >= limit) {
        break;
      }
      if (matches(app, nowMillis, liveness)) {
        kept.add(app);
      }
    }
    return kept;
  }

  private boolean matches(ApplicationSummary app, long nowMillis, Liveness liveness) {
    boolean running = app.running();
    ApplicationStatus status =
        switch (liveness.state(app, nowMillis)) {
          case COMPLETED -> ApplicationStatus.COMPLETED;
          case RUNNING -> ApplicationStatus.RUNNING;
          case ABANDONED -> ApplicationStatus.ABANDONED;
        };
    if (!statuses.contains(status)) {
      return false;
    }
    for (AttemptSummary attempt : app.attempts()) {
      if (inRange(attempt, running, nowMillis)) {
        return true;
      }
    }
    return false;
  }

  private boolean inRange(AttemptSummary attempt, boolean running, long nowMillis) {
    boolean startOk = attempt.startTime() >= minStart && attempt.startTime() <= maxStart;
    boolean endOk =
        running ? maxEnd > nowMillis : attempt.endTime() >= minEnd && attempt.endTime() <= maxEnd;
    return startOk && endOk;
  }

  private static long date(QueryParameters parameters, String name, String fallback) {
    return SparkDates.parseParameter(parameters.first(name).orElse(fallback));
  }
}
