/**
 * The operations HTTP endpoints every pipelens component exports: {@code GET /metrics},
 * {@code GET /healthz} and {@code GET /readyz}, served by {@link io.pipelens.runtime.ops.OpsServer}.
 *
 * <p>Metrics bound by {@link io.pipelens.runtime.ops.ProcessMetrics}, as exposed on
 * {@code /metrics}:
 *
 * <ul>
 *   <li>{@code jvm_memory_used_bytes}, {@code jvm_memory_committed_bytes},
 *       {@code jvm_memory_max_bytes} (tags {@code area}, {@code id}), {@code jvm_buffer_*}
 *   <li>{@code jvm_gc_pause_seconds} (summary; tags {@code action}, {@code cause}, {@code gc}),
 *       {@code jvm_gc_memory_allocated_bytes_total}, {@code jvm_gc_memory_promoted_bytes_total},
 *       {@code jvm_gc_live_data_size_bytes}, {@code jvm_gc_max_data_size_bytes}
 *   <li>{@code jvm_threads_live_threads}, {@code jvm_threads_daemon_threads},
 *       {@code jvm_threads_peak_threads}, {@code jvm_threads_states_threads} (tag {@code state})
 *   <li>{@code jvm_classes_loaded_classes}, {@code jvm_classes_unloaded_classes_total}
 *   <li>{@code system_cpu_count}, {@code system_cpu_usage}, {@code process_cpu_usage},
 *       {@code system_load_average_1m}
 *   <li>{@code process_uptime_seconds}, {@code process_start_time_seconds}
 *   <li>{@code process_files_open_files}, {@code process_files_max_files} (Unix only)
 *   <li>{@code jvm_info} (tags {@code version}, {@code vendor}, {@code runtime}), always 1
 *   <li>{@code pipelens_build_info} (tags {@code component}, {@code version}), always 1
 * </ul>
 */
package io.pipelens.runtime.ops;
