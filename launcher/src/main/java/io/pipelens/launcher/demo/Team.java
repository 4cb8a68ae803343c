package io.pipelens.launcher.demo;

/**
 * A team of the fleet: its namespace and the priority its jobs run at, as pod labels give them.
 *
 * @param name the team, label {@code pipelens.io/team}, also its namespace
 * @param priority label {@code pipelens.io/priority}
 */
public record Team(String name, String priority) {

  /** The pod label that names the team, the agent's default {@code team_label}. */
  static final String TEAM_LABEL = "pipelens.io/team";

  /** The pod label that gives the priority, the agent's default {@code priority_label}. */
  static final String PRIORITY_LABEL = "pipelens.io/priority";

  /** Text deduplication and filtering for search: urgent. */
  public static final Team SEARCH = new Team("search-data", "high");

  /** Image deduplication and captioning for vision models: best effort. */
  public static final Team VISION = new Team("vision-data", "low");
}
