/**
 * One record shape whatever the source: {@link io.pipelens.collector.normalize.RecordNormalizer}
 * stamps compute type, team and stream; {@link io.pipelens.collector.normalize.EcsDocument},
 * {@link io.pipelens.collector.normalize.DataStreamName} and {@link
 * io.pipelens.collector.normalize.DocumentIds} say what is indexed, where, and under which id.
 * Pure functions, no I/O. The field table is {@code docs/collector-schema.md}.
 */
package io.pipelens.collector.normalize;
