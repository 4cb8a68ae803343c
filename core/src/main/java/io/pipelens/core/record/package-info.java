/**
 * The record model every pipelens component shares: the OpenTelemetry log data model ({@link
 * io.pipelens.core.record.LogRecord}, {@link io.pipelens.core.record.AnyValue}, {@link
 * io.pipelens.core.record.Attributes}, {@link io.pipelens.core.record.Resource}) plus the pipelens
 * vocabulary on top of it ({@link io.pipelens.core.record.AttributeNames}, {@link
 * io.pipelens.core.record.Stream}, {@link io.pipelens.core.record.ComputeType}).
 *
 * <p>Every type here is immutable and thread-safe; builders are not.
 */
package io.pipelens.core.record;
