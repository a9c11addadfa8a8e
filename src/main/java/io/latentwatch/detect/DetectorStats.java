package io.latentwatch.detect;

import java.util.concurrent.atomic.AtomicLong;

/** Running counts of what the detector did, shared by all stream threads of one instance. */
public final class DetectorStats {
    final AtomicLong records = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong windows = new AtomicLong();
    final AtomicLong alerts = new AtomicLong();
    final AtomicLong imputed = new AtomicLong();

    /** Input records read, usable or not. */
    public long records() {
        return records.get();
    }

    /** Records that could not be used (undecodable bytes, missing entity id) and were skipped. */
    public long skipped() {
        return skipped.get();
    }

    public long windowsScored() {
        return windows.get();
    }

    public long alerts() {
        return alerts.get();
    }

    /** Channel values filled in by the gap policy. */
    public long imputed() {
        return imputed.get();
    }
}
