/**
 * Log search for the history server: a {@link io.pipelens.logsearch.LogQuery} (text, time
 * range, level, Spark app and executor, pod, namespace; newest first, paged with a {@code
 * search_after} cursor) answered the same way by {@link io.pipelens.logsearch.LuceneLogSearch}
 * (the embedded index) and {@link io.pipelens.logsearch.ElasticsearchLogSearch} (the data
 * streams).
 */
package io.pipelens.logsearch;
