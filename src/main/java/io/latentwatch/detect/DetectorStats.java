package io.latentwatch.detect;

import java.util.concurrent.atomic.AtomicLong;

/** Running counts of what the detector did, shared by all stream threads of one instance. */
public final class DetectorStats {
    final AtomicLong records = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong windows = new AtomicLong();
    final AtomicLong alerts = new AtomicLong();
    final AtomicLong imputed = new AtomicLong();
    final AtomicLong late = new AtomicLong();
    final AtomicLong skippedWindows = new AtomicLong();
    final AtomicLong gapResets = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong incidents = new AtomicLong();
    private final java.util.Map<DeadLetter, AtomicLong> deadLetters = new java.util.EnumMap<>(DeadLetter.class);

    /** Hears about every scored batch: how many windows, and how long ONNX Runtime took. */
    @FunctionalInterface
    public interface BatchListener {
        void scored(int windows, long nanos);
    }

    private volatile BatchListener batchListener = (windows, nanos) -> { };

    /** Sets who hears about each scored batch (the metrics); one listener, the last set. */
    public void onBatch(BatchListener listener) {
        this.batchListener = listener;
    }

    void batchScored(int windows, long nanos) {
        batches.incrementAndGet();
        this.windows.addAndGet(windows);
        batchListener.scored(windows, nanos);
    }

    /** At most this many entities have a threshold gauge, so that metric cardinality stays bounded. */
    public static final int MAX_THRESHOLD_GAUGES = 50;
    private final java.util.concurrent.ConcurrentHashMap<String, Double> thresholds =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Records an entity's current threshold; only the first {@value #MAX_THRESHOLD_GAUGES} entities are kept. */
    void threshold(String entity, double value) {
        if (thresholds.size() < MAX_THRESHOLD_GAUGES || thresholds.containsKey(entity)) {
            thresholds.put(entity, value);
        }
    }

    /** The latest threshold of each tracked entity (at most {@value #MAX_THRESHOLD_GAUGES}). */
    public java.util.Map<String, Double> thresholds() {
        return java.util.Map.copyOf(thresholds);
    }

    public DetectorStats() {
        for (DeadLetter reason : DeadLetter.values()) {
            deadLetters.put(reason, new AtomicLong());
        }
    }

    void deadLetter(DeadLetter reason) {
        deadLetters.get(reason).incrementAndGet();
        if (reason != DeadLetter.LATE) {
            skipped.incrementAndGet();
        }
    }

    /** Records sent to the dead-letter topic for {@code reason}. */
    public long deadLetters(DeadLetter reason) {
        return deadLetters.get(reason).get();
    }

    /** Input records read, usable or not. */
    public long records() {
        return records.get();
    }

    /** Records that could not be used (undecodable, no entity, bad values) and went to the dead-letter topic. */
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

    /** Readings older than one already placed in order, set aside. */
    public long late() {
        return late.get();
    }

    /** Complete windows not scored under the skip-window gap policy. */
    public long skippedWindows() {
        return skippedWindows.get();
    }

    /** Times a silence emptied an entity's window buffer. */
    public long gapResets() {
        return gapResets.get();
    }

    /** ONNX Runtime calls made; windows scored / batches is the mean batch size. */
    public long batches() {
        return batches.get();
    }

    /** Incidents opened. */
    public long incidents() {
        return incidents.get();
    }
}
