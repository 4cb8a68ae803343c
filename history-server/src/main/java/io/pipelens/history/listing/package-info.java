/**
 * The application listing: what {@code /api/v1/applications} shows, built from event logs without
 * replaying them.
 *
 * <p>{@link io.pipelens.history.listing.AttemptReader} reads only the head of a log (up to {@code
 * SparkListenerApplicationStart}) and a ranged tail (for {@code SparkListenerApplicationEnd}), with
 * a streaming Jackson parser that stops at each line's {@code Event} name unless the event matters.
 * {@link io.pipelens.history.listing.ListingRefresher} rescans the configured stores, re-reading
 * only logs whose {@link io.pipelens.history.source.LogFingerprint} changed, and publishes an
 * immutable {@link io.pipelens.history.listing.ApplicationListing} that groups attempts into
 * applications the way Spark does.
 */
package io.pipelens.history.listing;
