package io.latentwatch.replay;

/** Told how a replay advances, for a progress bar; called on the replaying thread. */
public interface ReplayProgress {
    ReplayProgress NONE = new ReplayProgress() {
    };

    /** The range is open: it holds at most {@code total} records. */
    default void started(long total) {
    }

    /** {@code records} were replayed so far; the last one's timestamp was {@code eventTime} (epoch ms). */
    default void advanced(long records, long eventTime) {
    }
}
