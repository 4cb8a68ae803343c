/**
 * The embedded Lucene output ({@link io.pipelens.collector.sink.lucene.LuceneSink}): the same
 * documents and ids as Elasticsearch, in one index under {@code <data_dir>/index}, acknowledged
 * after the commit that made them durable. Metrics: {@code
 * pipelens_collector_sent_records_total{output="lucene",compute_type}}, {@code
 * pipelens_collector_lucene_commits_total}, {@code pipelens_collector_lucene_commit_failures_total},
 * {@code pipelens_collector_lucene_commit_latency_seconds}, {@code
 * pipelens_collector_sink_pending_bytes{output="lucene"}}.
 */
package io.pipelens.collector.sink.lucene;
