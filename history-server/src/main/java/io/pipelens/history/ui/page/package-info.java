/**
 * The UI's pages, rendered on the server from the listing and a replay: applications, one
 * application, a job with its stage graph, a SQL query with its plan graph, a stage with its
 * tasks, and the log view. Every page paginates, so none grows with the number of applications or
 * tasks.
 */
package io.pipelens.history.ui.page;
