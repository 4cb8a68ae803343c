/**
 * Replayed attempts behind the per-application REST resources: {@link
 * io.pipelens.history.store.AppStore} answers Spark's queries (filters, orders, task pages, task
 * quantiles) over one {@link io.pipelens.history.replay.AppState}; {@link
 * io.pipelens.history.store.AppStoreCache} keeps a bounded number of them loaded, least recently
 * used out, and replays again when the listing shows a log changed; with {@code cache.dir} it
 * reads an attempt from its on-disk snapshot ({@code io.pipelens.history.snapshot}) instead of
 * replaying an unchanged log.
 */
package io.pipelens.history.store;
