package io.pipelens.history.store;

import java.util.Arrays;

/**
 * Spark's quantile rule for REST summaries: over n values sorted ascending, quantile q is the value
 * at index {@code min(floor(q * n), n - 1)}, without interpolation.
 */
public final class Quantiles {

  private Quantiles() {}

  /** The quantiles of {@code values} (sorted in place); an empty input gives zeros. */
  public static double[] of(long[] values, double[] quantiles) {
    Arrays.sort(values);
    double[] result = new double[quantiles.length];
    int n = values.length;
    if (n == 0) {
      return result;
    }
    for (int i = 0; i < quantiles.length; i++) {
      long index = Math.min((long) (quantiles[i] * n), n - 1);
      result[i] = values[(int) Math.max(0, index)];
    }
    return result;
  }
}
