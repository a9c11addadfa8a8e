package io.latentwatch.eval;

import io.latentwatch.LatentwatchException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Maps labelled windows given as timestamps onto the rows they cover, the way NAB does.
 *
 * <p>Real NAB files repeat timestamps (the exchange-2 files at 2011-08-24 12:00:01) and even step
 * back (machine_temperature_system_failure), so rows are not found by a search on time: NAB walks
 * the rows in order, enters a window at the first row carrying its start timestamp and leaves it
 * at the first row from there carrying its end timestamp. Windows are therefore taken in order,
 * each starting after the previous one ends.
 */
final class WindowRows {

    private WindowRows() {
    }

    /**
     * The first and last row of each window, as {@code int[]{first, last}}.
     *
     * @throws LatentwatchException naming the file and window when a window is malformed or
     *     backwards, or its start or end matches no row where NAB would look for it
     */
    static int[][] resolve(String name, long[] timestamps, List<long[]> windows) {
        int[][] rows = new int[windows.size()][];
        int from = 0;
        for (int w = 0; w < windows.size(); w++) {
            long[] window = windows.get(w);
            if (window == null || window.length != 2) {
                throw new LatentwatchException(name + ": window " + w + " is "
                        + (window == null ? "null" : Arrays.toString(window)) + ", expected {startMs, endMs}");
            }
            if (window[1] < window[0]) {
                throw new LatentwatchException(name + ": window " + w + " " + Arrays.toString(window)
                        + " ends before it starts, expected start <= end");
            }
            int first = find(timestamps, window[0], from);
            if (first < 0) {
                throw new LatentwatchException(name + ": window " + w + " start " + show(window[0])
                        + " matches no row" + (w == 0 ? "" : " after window " + (w - 1) + " ends (row " + (from - 1) + ")")
                        + ", expected NAB windows in time order, starting and ending on row timestamps");
            }
            int last = find(timestamps, window[1], first);
            if (last < 0) {
                throw new LatentwatchException(name + ": window " + w + " end " + show(window[1])
                        + " matches no row at or after its start (row " + first
                        + "), expected NAB windows to start and end on row timestamps");
            }
            rows[w] = new int[] {first, last};
            from = last + 1;
        }
        return rows;
    }

    private static int find(long[] timestamps, long at, int from) {
        for (int i = from; i < timestamps.length; i++) {
            if (timestamps[i] == at) {
                return i;
            }
        }
        return -1;
    }

    private static String show(long ms) {
        return ms + " ms (" + Instant.ofEpochMilli(ms) + ")";
    }
}
