/**
 * The history server's web UI, served under {@code /ui} on the API's port: routing, id checks and
 * security headers ({@link io.pipelens.history.ui.UiHandler}), deep links ({@link
 * io.pipelens.history.ui.http.Urls}), request parameters ({@link io.pipelens.history.ui.http.Params}). Pages
 * are rendered on the server in {@code ui.page}, with the writer in {@code ui.html}; the log view's
 * store access is in {@code ui.logs}.
 */
package io.pipelens.history.ui;
