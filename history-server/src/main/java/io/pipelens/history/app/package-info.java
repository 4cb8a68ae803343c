/**
 * The history server as a pipelens component: its configuration ({@link
 * io.pipelens.history.app.HistoryServerConfig}), the service that scans event logs on a schedule
 * and serves Spark's REST API on the component's HTTP port ({@link
 * io.pipelens.history.app.HistoryServerService}), its metrics ({@link
 * io.pipelens.history.app.HistoryMetrics}), the {@link
 * io.pipelens.history.app.HistoryServerFactory} the launcher finds, and the bundled sample logs for
 * the demo ({@link io.pipelens.history.app.SampleEventLogs}).
 */
package io.pipelens.history.app;
