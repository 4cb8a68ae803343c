/**
 * Log search for the history server: a {@link io.pipelens.collector.query.LogQuery} (text, time
 * range, level, Spark app and executor, pod, namespace; newest first, paged with a {@code
 * search_after} cursor) answered the same way by {@link io.pipelens.collector.query.LuceneLogSearch}
 * (the embedded index) and {@link io.pipelens.collector.query.ElasticsearchLogSearch} (the data
 * streams).
 */
package io.pipelens.collector.query;
