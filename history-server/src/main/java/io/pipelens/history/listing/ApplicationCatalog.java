package io.pipelens.history.listing;

import java.util.Optional;

/**
 * Where the REST API and the web UI get the listing from. {@link ListingRefresher} is the
 * implementation; the indirection lets later sources (a shared listing store) slot in.
 */
@FunctionalInterface
public interface ApplicationCatalog {

  /** The current snapshot; never null, cheap to call on every request. */
  ApplicationListing listing();

  /**
   * The application with this (valid) id: from the listing, or, when no scan has seen it yet, read
   * from the stores on demand. The default knows only the listing.
   */
  default Optional<ApplicationSummary> application(String appId) {
    return listing().application(appId);
  }
}
