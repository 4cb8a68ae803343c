package io.pipelens.history.listing;

/**
 * Where the REST API gets the listing from. {@link ListingRefresher} is the implementation; the
 * indirection lets later sources (an on-demand loader, a shared listing store) slot in.
 */
@FunctionalInterface
public interface ApplicationCatalog {

  /** The current snapshot; never null, cheap to call on every request. */
  ApplicationListing listing();
}
