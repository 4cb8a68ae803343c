package io.pipelens.launcher.demo;

/**
 * One log line the fleet derived from an event: for the pod of {@code executorId} ({@code driver}
 * or an executor's id), in its engine log (Spark's log4j layout, possibly several lines with a
 * stack trace) or its business log (one JSON object).
 *
 * @param executorId whose pod writes it
 * @param business true for the job's own JSON log, false for Spark's engine log
 * @param epochMillis when, as the event says
 * @param text the line as written, without a line end; an engine line may hold {@code \n}
 */
public record DerivedLine(String executorId, boolean business, long epochMillis, String text) {}
