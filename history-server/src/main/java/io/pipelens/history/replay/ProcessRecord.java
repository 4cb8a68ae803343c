package io.pipelens.history.replay;

import java.util.Map;

/**
 * A process other than the driver and executors, such as the YARN application master: Spark's
 * {@code ProcessSummary}.
 *
 * @param id the process id Spark logged, e.g. {@code yarn-am}
 * @param hostPort where it ran
 * @param totalCores its cores
 * @param addTime when it was added, epoch milliseconds
 * @param logs its log links by name
 */
public record ProcessRecord(
    String id, String hostPort, int totalCores, long addTime, Map<String, String> logs) {}
