/**
 * Replay of one application attempt's event log into an in-memory model, {@link
 * io.pipelens.history.replay.AppState}: jobs, stage attempts with their tasks and per-executor
 * summaries, executors, environment, resource profiles, RDDs with a storage level and other
 * processes, and SQL executions ({@link io.pipelens.history.replay.SqlExecution}) with the graph
 * of their latest plan and their aggregated SQL metrics.
 *
 * <p>{@link io.pipelens.history.replay.EventLogReplayer} reads every event file of the attempt in
 * order (single file or rolling {@code eventlog_v2_*} segments), skips unknown event types after
 * reading only their {@code Event} name, and counts rather than fails on corrupt or truncated
 * lines. The replaying thread reads the log into batches of about 1 MiB ({@code LineBatch}); the
 * {@code pipelens-replay-parse-N} threads split each into lines where it was read and read its task
 * lines, most of a log, from their bytes ({@code TaskLineParser}); everything else, and any
 * task line outside the plain shape Spark writes, through Jackson. Only the replaying thread
 * applies events, in the log's order. {@code StatusListener} applies the events with the semantics of Spark's {@code
 * AppStatusListener}, so the counters match Spark's REST answers for the same log.
 *
 * <p>Tasks are kept as primitives plus one {@code long[]} of {@link
 * io.pipelens.history.replay.TaskMetric}s each (about 0.4 KB per task), with executor ids, hosts
 * and localities interned.
 *
 * <p>{@link io.pipelens.history.replay.ModelAccess} opens the model's package-private fields to
 * the on-disk snapshot codec ({@code io.pipelens.history.snapshot}) and to nothing else.
 */
package io.pipelens.history.replay;
