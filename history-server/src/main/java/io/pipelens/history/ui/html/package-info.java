/**
 * Writing HTML safely: {@link io.pipelens.history.ui.html.Html} escapes every text and attribute
 * value; {@link io.pipelens.history.ui.html.Format} formats times, durations and sizes.
 */
package io.pipelens.history.ui.html;
