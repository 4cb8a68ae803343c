/**
 * Durable checkpoints: {@link io.pipelens.agent.checkpoint.FileCheckpoints} keeps each file's
 * acknowledged offset in {@code <data dir>/checkpoints.json}, written atomically (temporary file,
 * fsync, atomic rename, directory fsync) every second when it changed and once more at shutdown.
 *
 * <table>
 *   <caption>Checkpoint meters</caption>
 *   <tr><th>name</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>{@code pipelens_agent_checkpoint_age_seconds}</td><td>gauge</td>
 *       <td>seconds since the file on disk was last known to hold the current state (a successful
 *       write, or a flush that found nothing new); grows while writes fail or flushing stopped,
 *       so alerting on it catches both</td></tr>
 *   <tr><td>{@code pipelens_agent_checkpoint_write_errors_total}</td><td>counter</td>
 *       <td>failed writes; the state stays dirty and the next flush retries</td></tr>
 * </table>
 */
package io.pipelens.agent.checkpoint;
