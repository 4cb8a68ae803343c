/**
 * Spark's monitoring REST API ({@code /api/v1}), answer for answer: the application listing ({@code
 * /applications} with its filters, {@code /applications/{appId}[/{attemptId}]}, {@code /version})
 * and the per-application resources answered from a replay ({@code jobs}, {@code stages} with task
 * lists and summaries, {@code executors}, {@code environment}, {@code storage}, {@code
 * allmiscellaneousprocess}, {@code logs}); see {@link io.pipelens.history.api.SparkApiHandler} for
 * the contract and the deliberate differences.
 *
 * <p>Served with the JDK's {@code com.sun.net.httpserver}; JSON is written with Jackson's streaming
 * generator in Spark's field order and pretty-printing, so responses match Spark's byte for byte
 * apart from volatile fields.
 */
package io.pipelens.history.api;
