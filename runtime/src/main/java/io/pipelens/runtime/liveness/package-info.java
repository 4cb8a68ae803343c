/**
 * Which of a component's long-running worker loops have died.
 *
 * <p>A worker loop (a file reader, an output's sender, a sink's writer, a scheduled poller) that
 * ends by an unexpected {@link java.lang.Throwable} reports itself to a {@link
 * io.pipelens.runtime.liveness.Liveness}; the operations server then fails {@code /healthz} and
 * {@code /readyz}, so that Kubernetes restarts a process that would otherwise keep answering its
 * probes while it silently stopped doing its job.
 *
 * <p>Metric: {@code pipelens_worker_failures_total} (tags {@code component}, {@code worker}), one
 * increment per death, registered at 0 as soon as a worker is watched so that
 * {@code increase()} sees the first death.
 */
package io.pipelens.runtime.liveness;
