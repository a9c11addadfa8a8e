package io.latentwatch.eval;

import io.latentwatch.LatentwatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One data file's detector output as the NAB scorer needs it: row timestamps, the detector's
 * anomaly score per row, and the labelled anomaly windows.
 *
 * <p>Validated on construction: every score is in [0, 1], and each window {@code [start, end]}
 * starts and ends exactly on row timestamps (NAB labels do), windows in time order and not
 * overlapping. Timestamps may repeat or step back, as in some NAB files; windows are then placed
 * as NAB places them (see {@link NabScorer#rowWeights}). Arrays are copied in and out, so a file never changes.
 *
 * @param name the file's key, e.g. {@code realKnownCause/nyc_taxi.csv}
 * @param timestamps epoch milliseconds per row, in file order
 * @param scores anomaly score per row, in [0, 1]
 * @param windows {@code long[]{startMs, endMs}} per window, both ends inclusive
 */
public record NabFile(String name, long[] timestamps, double[] scores, List<long[]> windows) {

    public NabFile {
        if (name == null || name.isBlank()) {
            throw new LatentwatchException("a NAB file needs a name, got " + (name == null ? "null" : "a blank one"));
        }
        Objects.requireNonNull(timestamps, name + ": timestamps");
        Objects.requireNonNull(scores, name + ": scores");
        Objects.requireNonNull(windows, name + ": windows");
        if (timestamps.length == 0 || timestamps.length != scores.length) {
            throw new LatentwatchException(name + ": " + timestamps.length + " timestamps and " + scores.length
                    + " scores, expected the same number, at least one");
        }
        timestamps = timestamps.clone();
        scores = scores.clone();
        List<long[]> copies = new ArrayList<>(windows.size());
        for (long[] w : windows) {
            copies.add(w == null ? null : w.clone());
        }
        windows = List.copyOf(copies);
        for (int i = 0; i < scores.length; i++) {
            // NaN fails this test too: a score NAB could not compare must not pass silently.
            if (!(scores[i] >= 0.0 && scores[i] <= 1.0)) {
                throw new LatentwatchException(name + ": row " + i + " anomaly score " + scores[i]
                        + " is outside [0, 1]");
            }
        }
        WindowRows.resolve(name, timestamps, windows);
    }

    /** A copy of the row timestamps. */
    @Override
    public long[] timestamps() {
        return timestamps.clone();
    }

    /** A copy of the anomaly scores. */
    @Override
    public double[] scores() {
        return scores.clone();
    }

    /** The number of rows. */
    public int rows() {
        return timestamps.length;
    }

    @Override
    public String toString() {
        return "NabFile[" + name + ", " + rows() + " rows, " + windows.size() + " windows]";
    }
}
