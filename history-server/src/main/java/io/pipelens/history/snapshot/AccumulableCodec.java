package io.pipelens.history.snapshot;

import io.pipelens.history.replay.Accumulable;
import java.io.IOException;
import java.util.List;

/** {@link Accumulable}s of stages and tasks. */
final class AccumulableCodec {

  private AccumulableCodec() {}

  static void write(SnapshotOutput out, Accumulable value) throws IOException {
    out.varLong(value.id());
    out.string(value.name());
    out.string(value.update());
    out.string(value.value());
  }

  static Accumulable read(SnapshotInput in) {
    return new Accumulable(in.varLong(), in.string(), in.string(), in.string());
  }

  static void writeList(SnapshotOutput out, List<Accumulable> values) throws IOException {
    out.count(values.size());
    for (Accumulable value : values) {
      write(out, value);
    }
  }

  static List<Accumulable> readList(SnapshotInput in) {
    Accumulable[] values = readArray(in);
    return values.length == 0 ? List.of() : List.of(values);
  }

  static void writeArray(SnapshotOutput out, Accumulable[] values) throws IOException {
    out.count(values.length);
    for (Accumulable value : values) {
      write(out, value);
    }
  }

  static Accumulable[] readArray(SnapshotInput in) {
    Accumulable[] values = new Accumulable[in.count()];
    for (int i = 0; i < values.length; i++) {
      values[i] = read(in);
    }
    return values;
  }
}
