package io.pipelens.history.replay;

/**
 * A user-visible accumulator value as Spark's REST {@code AccumulableInfo} shows it: Spark's
 * internal task metrics and SQL metrics are filtered out when the event is read.
 *
 * @param id accumulator id
 * @param name its name
 * @param update this task's or stage's update; null when the event had none
 * @param value the value after the update; null when the event had none
 */
public record Accumulable(long id, String name, String update, String value) {}
