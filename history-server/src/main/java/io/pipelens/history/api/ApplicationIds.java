package io.pipelens.history.api;

import java.util.regex.Pattern;

/**
 * The shapes of application and attempt ids the API accepts in a path. Ids are only ever looked up
 * in the in-memory listing, never turned into file names, but a strict shape is a second wall: no
 * request segment with {@code /}, {@code ..}, control characters or anything beyond Spark's id
 * alphabet gets past routing.
 *
 * <p>Spark's own ids are {@code local-<millis>}, {@code app-<date>-<seq>}, {@code
 * application_<cluster>_<seq>} (YARN) and {@code spark-<hex>} (Kubernetes); {@code spark.app.id}
 * can be set freely, so dots are allowed too, but never two in a row or at the start.
 */
public final class ApplicationIds {

  private static final Pattern APP_ID =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_-]|\\.(?!\\.)){0,254}");
  private static final Pattern ATTEMPT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private ApplicationIds() {}

  public static boolean isValidAppId(String id) {
    return APP_ID.matcher(id).matches();
  }

  public static boolean isValidAttemptId(String id) {
    return ATTEMPT_ID.matcher(id).matches();
  }
}
