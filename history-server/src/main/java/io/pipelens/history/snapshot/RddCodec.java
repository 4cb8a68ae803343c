package io.pipelens.history.snapshot;

import io.pipelens.history.replay.ModelAccess;
import io.pipelens.history.replay.RddRecord;
import java.io.IOException;

/** {@link RddRecord}: an RDD with a storage level. */
final class RddCodec {

  private RddCodec() {}

  static void write(SnapshotOutput out, RddRecord rdd) throws IOException {
    out.varInt(rdd.id());
    out.string(rdd.name());
    out.varInt(rdd.numPartitions());
    out.string(rdd.storageLevel());
  }

  static RddRecord read(SnapshotInput in) {
    return ModelAccess.newRdd(in.varInt(), in.string(), in.varInt(), in.string());
  }
}
