package io.pipelens.history.ui;

import io.pipelens.history.ui.http.Params;
import io.pipelens.history.ui.http.UiException;
import io.pipelens.history.ui.http.UiResponse;
import io.pipelens.history.ui.http.Urls;
import io.pipelens.history.api.ApplicationIds;
import io.pipelens.history.listing.ApplicationCatalog;
import io.pipelens.history.listing.ApplicationSummary;
import io.pipelens.history.listing.AttemptState;
import io.pipelens.history.listing.Liveness;
import io.pipelens.history.listing.AttemptSummary;
import io.pipelens.history.store.AppStore;
import io.pipelens.history.store.AppStoreCache;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds an application's attempt in the listing and its replay: ids are checked against Spark's
 * shapes and looked up in memory only; anything unknown is a 404.
 */
public final class AppLookup {

  private static final Logger LOG = LoggerFactory.getLogger(AppLookup.class);

  private final ApplicationCatalog catalog;
  private final AppStoreCache replays;
  private final Liveness liveness;
  private final Clock clock;

  /** Every attempt without an end event counts as running. */
  public AppLookup(ApplicationCatalog catalog, AppStoreCache replays) {
    this(catalog, replays, Liveness.NEVER_ABANDONED, Clock.systemUTC());
  }

  /** Attempts whose log stopped growing for {@code liveness}'s time count as abandoned. */
  public AppLookup(ApplicationCatalog catalog, AppStoreCache replays, Liveness liveness, Clock clock) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.replays = Objects.requireNonNull(replays, "replays");
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Running, completed or abandoned, as the REST API tells them apart, decided now. */
  public Function<ApplicationSummary, AttemptState> states() {
    long now = clock.millis();
    return app -> liveness.state(app, now);
  }

  public ApplicationCatalog catalog() {
    return catalog;
  }

  public AppStoreCache replays() {
    return replays;
  }

  /** The listed application; 404 for an id of the wrong shape or not listed. */
  public ApplicationSummary application(String appId) {
    if (!ApplicationIds.isValidAppId(appId)) {
      throw UiException.notFound("no such application: " + appId);
    }
    return catalog
        .application(appId)
        .orElseThrow(() -> UiException.notFound("no such application: " + appId));
  }

  /** The attempt with this id, or the newest when {@code attemptId} is null; 404 when unknown. */
  public static AttemptSummary attempt(ApplicationSummary app, String attemptId) {
    if (attemptId == null) {
      return app.latestAttempt();
    }
    for (AttemptSummary attempt : app.attempts()) {
      if (attemptId.equals(attempt.attemptId())) {
        return attempt;
      }
    }
    throw UiException.notFound("no attempt " + attemptId + " of application " + app.id());
  }

  /** The attempt's replay; 404 when its log went away, 500 when it cannot be read. */
  public AppStore replay(AttemptSummary attempt) {
    Optional<AppStore> store;
    try {
      store = replays.get(attempt.logKey());
    } catch (IOException e) {
      LOG.warn("Cannot replay {}: {}", attempt.logKey(), e.toString());
      throw new UiException(500, "cannot read the event log of " + attempt.appId());
    }
    return store.orElseThrow(() -> UiException.notFound("the event log of " + attempt.appId() + " is gone"));
  }
}
