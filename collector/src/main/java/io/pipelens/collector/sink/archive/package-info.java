/**
 * The Spark event-log archive ({@link io.pipelens.collector.sink.archive.EventLogArchiveSink}):
 * event records written in Spark's rolling {@code eventlog_v2_<app>/events_<n>_<app>.zstd} layout
 * to a directory or an S3-compatible bucket, acknowledged once durable. Metrics: {@code
 * pipelens_collector_archive_uploads_total{result}}, {@code
 * pipelens_collector_archive_written_bytes_total}, {@code
 * pipelens_collector_archive_duplicates_total}, {@code
 * pipelens_collector_sent_records_total{output="archive",compute_type}}, {@code
 * pipelens_collector_sink_pending_bytes{output="archive"}}.
 */
package io.pipelens.collector.sink.archive;
