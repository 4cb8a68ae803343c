/**
 * The demo's synthetic preprocessing fleet ({@link io.pipelens.launcher.demo.SyntheticFleet}):
 * real Spark event logs moved in time ({@link io.pipelens.launcher.demo.EventLogTimeShift}), the
 * driver and executor logs they imply ({@link io.pipelens.launcher.demo.SparkLogDeriver}), written
 * in the kubelet's layout ({@link io.pipelens.launcher.demo.SparkAppWriter}), and a Ray cluster's
 * logs in Ray's ({@code RayClusterWriter}). Demo only: no component depends on it.
 */
package io.pipelens.launcher.demo;
