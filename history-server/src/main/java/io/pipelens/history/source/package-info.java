/**
 * Where Spark event logs live and how they are recognised: the {@link
 * io.pipelens.history.source.EventLogStore} storage interface (local directories today, object
 * stores later), and {@link io.pipelens.history.source.EventLogDiscovery}, which turns a store's
 * directory listing into {@link io.pipelens.history.source.EventLog}s (single-file and rolling
 * {@code eventlog_v2_*} layouts) and counts what it skips by {@link
 * io.pipelens.history.source.SkipReason}.
 *
 * <p>Nothing here parses JSON; that is {@code io.pipelens.history.listing}'s job.
 */
package io.pipelens.history.source;
