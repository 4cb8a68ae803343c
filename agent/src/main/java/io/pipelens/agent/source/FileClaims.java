package io.pipelens.agent.source;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which input reads each file, by the file itself (device and inode), for what {@link
 * InputPrecedence}'s paths cannot see: one file reached by two inputs through different paths (a
 * symbolic link in one, its target in the other), or renamed out of one input's paths into
 * another's. The first input to track a file holds it until it closes the file for good; another
 * input that finds it meanwhile leaves it alone. If one did, and the holder lets go of the file
 * while it still exists (renamed out of the holder's paths and read to its end), the next input to
 * claim it resumes where the holder stopped, rather than at 0 or at a checkpoint behind it.
 *
 * <p>Thread-safe: every input's reader thread claims and releases.
 */
final class FileClaims {

  /** {@link #claim}: another input holds the file. */
  static final long REFUSED = -1;
  /** {@link #claim}: the file is the caller's, to start where its checkpoint says. */
  static final long FRESH = -2;

  private static final Logger LOG = LoggerFactory.getLogger(FileClaims.class);
  // A released file that an input was refused waits this long for that input's next scan.
  private static final long HANDOVER_TTL_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final Map<FileKey, Holder> holders = new HashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private int handovers; // holders released with an input waiting for them

  private static final class Holder {
    final String input;
    boolean refusedSomeone;
    boolean released;
    long fingerprint;
    long offset;
    long releasedNanos;

    Holder(String input) {
      this.input = input;
    }
  }

  /**
   * Whether an input other than {@code input} holds {@code key}: a cheap look before the file is
   * opened for its fingerprint. Logs the first time for each pair of inputs.
   */
  synchronized boolean heldByOther(String input, FileKey key, Path path) {
    Holder holder = holders.get(key);
    if (holder == null || holder.released || holder.input.equals(input)) {
      return false;
    }
    refuse(holder, input, path);
    return true;
  }

  /**
   * Claims {@code key} for {@code input}, which is about to track it: {@link #REFUSED}, {@link
   * #FRESH}, or the offset the last holder read it to, where {@code input} resumes; that holder's
   * fingerprint must agree with {@code fingerprint} (0: not known yet) and the offset lie within
   * {@code size}, or the file is taken for another one at a reused inode and is {@link #FRESH}.
   */
  synchronized long claim(String input, FileKey key, Path path, long fingerprint, long size) {
    Holder holder = holders.get(key);
    if (holder == null) {
      holders.put(key, new Holder(input));
      return FRESH;
    }
    if (!holder.released) {
      if (holder.input.equals(input)) {
        return FRESH;
      }
      refuse(holder, input, path);
      return REFUSED;
    }
    handovers--;
    holders.put(key, new Holder(input));
    boolean sameContents = holder.fingerprint == 0 || fingerprint == 0 || holder.fingerprint == fingerprint;
    return sameContents && holder.offset <= size ? holder.offset : FRESH;
  }

  /**
   * {@code input} is done with {@code key}: it read the file to {@code offset} (everything before
   * it delivered) and will not read it again.
   */
  synchronized void release(String input, FileKey key, long fingerprint, long offset) {
    Holder holder = holders.get(key);
    if (holder == null || holder.released || !holder.input.equals(input)) {
      return;
    }
    if (!holder.refusedSomeone) {
      holders.remove(key);
      return;
    }
    long now = System.nanoTime();
    holder.released = true;
    holder.fingerprint = fingerprint;
    holder.offset = offset;
    holder.releasedNanos = now;
    handovers++;
    expireHandovers(now);
  }

  private void refuse(Holder holder, String input, Path path) {
    holder.refusedSomeone = true;
    if (warned.add(input + '\n' + holder.input)) {
      LOG.warn(
          "input {} leaves {} to input {}, which already reads that file (same device and inode)"
              + " under another path: a file is read by one input only (further files left to {} are"
              + " not logged)",
          input, path, holder.input, holder.input);
    }
  }

  // Handovers no input came for (the file was deleted too): dropped, so the map stays the size of
  // the files open.
  private void expireHandovers(long now) {
    if (handovers == 0) {
      return;
    }
    for (Iterator<Holder> it = holders.values().iterator(); it.hasNext(); ) {
      Holder holder = it.next();
      if (holder.released && now - holder.releasedNanos > HANDOVER_TTL_NANOS) {
        it.remove();
        handovers--;
      }
    }
  }

  /** The input that holds {@code key}, or null if none does; for tests. */
  synchronized String holder(FileKey key) {
    Holder holder = holders.get(key);
    return holder == null || holder.released ? null : holder.input;
  }
}
