/** Helpers both backends share. Not an API: may change without notice. */
package io.pipelens.testsupport.internal;
