/**
 * Replayed attempts behind the per-application REST resources: {@link
 * io.pipelens.history.store.AppStore} answers Spark's queries (filters, orders, task pages, task
 * quantiles) over one {@link io.pipelens.history.replay.AppState}; {@link
 * io.pipelens.history.store.AppStoreCache} keeps a bounded number of them loaded, least recently
 * used out, and replays again when the listing shows a log changed.
 */
package io.pipelens.history.store;
