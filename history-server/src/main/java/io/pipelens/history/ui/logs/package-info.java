/**
 * The UI's log view: which lines belong to a driver, an executor or a failed task ({@link
 * io.pipelens.history.ui.logs.TaskWindow}), how they are fetched from the collector's log store a
 * page at a time ({@link io.pipelens.history.ui.logs.LogLines}), and the JSON that the page's
 * script pages and tails with ({@link io.pipelens.history.ui.logs.LogApi}).
 */
package io.pipelens.history.ui.logs;
