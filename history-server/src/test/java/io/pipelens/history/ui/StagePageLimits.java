package io.pipelens.history.ui;

/** Limits of the stage page the tests check against. */
final class StagePageLimits {
  /** {@link io.pipelens.history.ui.page.StagePage}'s failed tasks shown in full. */
  static final int FAILED_SHOWN = 20;

  private StagePageLimits() {}
}
