package io.pipelens.collector.pipeline;

import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.ComputeType;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metric labels the collector derives from a record: {@code compute_type}, {@code team} and
 * {@code priority}, read from the (normalized) resource, with their cardinality bounded.
 *
 * <ul>
 *   <li>{@code compute_type}: {@code fixed}, {@code serverless}, or {@code other} for any other
 *       value a client wrote;
 *   <li>{@code team} and {@code priority}: as the record says, {@code none} when absent; once
 *       {@link #MAX_TEAM_PRIORITY_PAIRS} distinct pairs were seen, any new pair becomes {@code
 *       other}/{@code other}, so a misbehaving client cannot explode the series count.
 * </ul>
 *
 * <p>Thread-safe. Lookups do not allocate: they read attributes the record already holds.
 */
public final class RecordLabels {

  /** The tag of a record's compute type. */
  public static final String COMPUTE_TYPE = "compute_type";
  /** The tag of a record's team. */
  public static final String TEAM = "team";
  /** The tag of a record's priority. */
  public static final String PRIORITY = "priority";
  /** A compute type other than fixed and serverless, or a team and priority over the budget. */
  public static final String OTHER = "other";
  /** A team or priority the record does not have. */
  public static final String NONE = "none";
  /** Distinct (team, priority) pairs kept as labels per {@link RecordLabels}; later pairs are {@code other}. */
  public static final int MAX_TEAM_PRIORITY_PAIRS = 200;

  static final String[] COMPUTE_TYPES = {
      ComputeType.FIXED.wireName(), ComputeType.SERVERLESS.wireName(), OTHER};

  private final Set<TeamPriority> seen = ConcurrentHashMap.newKeySet();
  private final int maxPairs;

  /** Labels with the default budget of {@link #MAX_TEAM_PRIORITY_PAIRS}. */
  public RecordLabels() {
    this(MAX_TEAM_PRIORITY_PAIRS);
  }

  RecordLabels(int maxPairs) {
    this.maxPairs = maxPairs;
  }

  /** The index in {@link #COMPUTE_TYPES} of {@code resource}'s compute type. */
  static int computeTypeIndex(Resource resource) {
    String type = resource.attributes().getString(AttributeNames.PIPELENS_COMPUTE_TYPE);
    if (ComputeType.FIXED.wireName().equals(type)) {
      return 0;
    }
    return ComputeType.SERVERLESS.wireName().equals(type) ? 1 : 2;
  }

  /** {@code fixed}, {@code serverless} or {@code other}. */
  public static String computeType(LogRecord record) {
    return COMPUTE_TYPES[computeTypeIndex(record.resource())];
  }

  /** {@code resource}'s team and priority, or {@code other}/{@code other} once the budget is spent. */
  public TeamPriority teamPriority(Resource resource) {
    String team = resource.attributes().getString(AttributeNames.PIPELENS_TEAM);
    String priority = resource.attributes().getString(AttributeNames.PIPELENS_PRIORITY);
    TeamPriority pair = new TeamPriority(team == null || team.isEmpty() ? NONE : team,
        priority == null || priority.isEmpty() ? NONE : priority);
    if (seen.contains(pair)) {
      return pair;
    }
    // Racy by at most a few pairs under contention; the bound stays approximately maxPairs.
    if (seen.size() < maxPairs) {
      seen.add(pair);
      return pair;
    }
    return TeamPriority.OVER_BUDGET;
  }

  /** A team and a priority, as labels. */
  public record TeamPriority(String team, String priority) {
    static final TeamPriority OVER_BUDGET = new TeamPriority(OTHER, OTHER);
  }
}
