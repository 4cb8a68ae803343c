package io.pipelens.history.snapshot;

import io.pipelens.history.replay.ProcessRecord;
import java.io.IOException;

/** {@link ProcessRecord}: a process other than the driver and executors. */
final class ProcessCodec {

  private ProcessCodec() {}

  static void write(SnapshotOutput out, ProcessRecord process) throws IOException {
    out.string(process.id());
    out.string(process.hostPort());
    out.varInt(process.totalCores());
    out.varLong(process.addTime());
    StringMaps.write(out, process.logs());
  }

  static ProcessRecord read(SnapshotInput in) {
    return new ProcessRecord(
        in.string(), in.string(), in.varInt(), in.varLong(), StringMaps.read(in));
  }
}
