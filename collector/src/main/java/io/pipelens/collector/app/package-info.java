/**
 * The collector's configuration ({@link io.pipelens.collector.app.CollectorConfig}) and wiring
 * ({@link io.pipelens.collector.app.Collector}, built by {@link
 * io.pipelens.collector.app.CollectorFactory}, which the launcher finds through {@link
 * java.util.ServiceLoader}). Readiness ({@code /readyz}) fails while Elasticsearch is unreachable.
 */
package io.pipelens.collector.app;
