/** Comparing JSON answers with golden or reference ones, difference by difference. */
package io.pipelens.testsupport.json;
