/**
 * Spark's monitoring REST API ({@code /api/v1}) over the application listing, answer for answer:
 * {@code /applications} with its filters, {@code /applications/{appId}}, {@code
 * /applications/{appId}/{attemptId}} and {@code /version}; see {@link
 * io.pipelens.history.api.SparkApiHandler} for the contract and the deliberate differences.
 *
 * <p>Served with the JDK's {@code com.sun.net.httpserver}; JSON is written with Jackson's streaming
 * generator in Spark's field order and pretty-printing, so responses match Spark's byte for byte
 * apart from volatile fields.
 */
package io.pipelens.history.api;
