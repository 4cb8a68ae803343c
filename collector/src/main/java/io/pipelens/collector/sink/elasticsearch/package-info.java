/**
 * The Elasticsearch sink: bulk {@code create} into data streams, idempotent ids, retries while
 * Elasticsearch is busy or down, dead letters for documents it rejects.
 *
 * <p>Metrics:
 *
 * <ul>
 *   <li>{@code pipelens_collector_sent_records_total{output="elasticsearch",compute_type}}: documents indexed;
 *   <li>{@code pipelens_collector_es_duplicates_total}: creates answered 409, documents an earlier
 *       delivery indexed (redeliveries; success);
 *   <li>{@code pipelens_collector_es_rejections_total{reason,compute_type}}: documents rejected for good, by
 *       Elasticsearch error type such as {@code mapper_parsing_exception};
 *   <li>{@code pipelens_collector_es_retries_total}: requests or items sent again;
 *   <li>{@code pipelens_collector_bulk_latency_seconds}: time per {@code _bulk} request
 *       (histogram);
 *   <li>{@code pipelens_collector_sink_pending_bytes{output}}: bytes buffered or in flight.
 * </ul>
 */
package io.pipelens.collector.sink.elasticsearch;
