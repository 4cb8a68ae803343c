/**
 * Reading files: discovery, file identity, tailing, rotation and container line formats.
 *
 * <p>{@link io.pipelens.agent.source.FileTailer} runs one input ({@link
 * io.pipelens.agent.source.FileInputConfig}, or {@link
 * io.pipelens.agent.source.ContainerInputConfig} for Kubernetes container logs) and hands lines to
 * a {@link io.pipelens.agent.source.LineConsumer}; {@link io.pipelens.agent.source.Checkpoints}
 * says where each file resumes. Files are identified by device, inode and a fingerprint of their
 * first bytes ({@link io.pipelens.agent.source.FileIdentity}), never by name.
 *
 * <p>Meters, all tagged with {@code input} (the input's name), as Prometheus shows them:
 *
 * <table>
 *   <caption>File input meters</caption>
 *   <tr><th>name</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>{@code pipelens_agent_files_open}</td><td>gauge</td>
 *       <td>files held open (at most {@code max_open_files})</td></tr>
 *   <tr><td>{@code pipelens_agent_files_discovered_total}</td><td>counter</td>
 *       <td>files the input started tracking: found by a scan, or a new file at a reused inode</td></tr>
 *   <tr><td>{@code pipelens_agent_read_bytes_total}</td><td>counter</td>
 *       <td>bytes read from files (including lines cut by {@code max_line_size})</td></tr>
 *   <tr><td>{@code pipelens_agent_read_lines_total}</td><td>counter</td>
 *       <td>messages handed to the consumer: lines, or joined CRI/Docker partial lines</td></tr>
 *   <tr><td>{@code pipelens_agent_bytes_behind}</td><td>gauge</td>
 *       <td>sum over tracked files of size minus <em>read</em> offset: how far reading lags
 *       writing. Acknowledgement lag is the pipeline's to measure; it sees both offsets</td></tr>
 *   <tr><td>{@code pipelens_agent_rotations_total{kind}}</td><td>counter</td>
 *       <td>{@code kind="rename"}: a new file appeared at the path of a file that was rotated away
 *       or deleted; {@code kind="truncate"}: a file shrank below its read offset or changed its
 *       first bytes (copytruncate), also found at startup from a checkpoint past the end</td></tr>
 *   <tr><td>{@code pipelens_agent_truncated_lines_total}</td><td>counter</td>
 *       <td>lines longer than {@code max_line_size}, delivered cut</td></tr>
 * </table>
 *
 * <p>The checkpoint meters are listed in {@link io.pipelens.agent.checkpoint}.
 */
package io.pipelens.agent.source;
