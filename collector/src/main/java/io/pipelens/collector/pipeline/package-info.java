/**
 * The contract between the collector's sources and its sink: {@link
 * io.pipelens.collector.pipeline.RecordSink}. Sources never import a sink; the wiring in {@code
 * app} hands them one.
 */
package io.pipelens.collector.pipeline;
