/**
 * What every UI page shares about HTTP: strict request parameters ({@link
 * io.pipelens.history.ui.http.Params}), the stable deep links ({@link
 * io.pipelens.history.ui.http.Urls}), answers and error statuses.
 */
package io.pipelens.history.ui.http;
