package io.pipelens.history.replay;

/** A finished replay: the model and what reading the log cost. */
public record ReplayResult(AppState state, ReplayStats stats) {}
