/**
 * What the records say about the jobs they come from, as metrics for alerts: Spark jobs and Ray
 * submission jobs that failed, by team and priority ({@code pipelens_collector_jobs_failed_total}),
 * and when each running Spark application last logged anything ({@code
 * pipelens_collector_application_last_record_timestamp_seconds}), for the stalled-application
 * alert. {@link io.pipelens.collector.jobs.JobWatch} sees every normalized record on its way to the
 * sink; {@link io.pipelens.collector.jobs.LifecycleEvent} recognizes the few event-log lines that
 * matter.
 */
package io.pipelens.collector.jobs;
