/**
 * Where Spark event logs live, how they are recognised and decoded: the {@link
 * io.pipelens.history.source.EventLogStore} storage interface (local directories, and S3-compatible
 * object stores through {@link io.pipelens.history.source.S3EventLogStore}), the codecs Spark
 * compresses logs with ({@link io.pipelens.history.source.EventLogCodec}, decoded with bounded work
 * by {@link io.pipelens.history.source.EventLogDecoder}), and {@link io.pipelens.history.source.EventLogDiscovery}, which turns a store's
 * directory listing into {@link io.pipelens.history.source.EventLog}s (single-file and rolling
 * {@code eventlog_v2_*} layouts) and counts what it skips by {@link
 * io.pipelens.history.source.SkipReason}.
 *
 * <p>Nothing here parses JSON; that is {@code io.pipelens.history.listing}'s job.
 */
package io.pipelens.history.source;
