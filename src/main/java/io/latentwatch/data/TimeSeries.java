package io.latentwatch.data;

import io.latentwatch.LatentwatchException;
import java.util.List;

/**
 * A multichannel series read from a file: one row per timestamp, one column per channel, in
 * file order. Values may be NaN where the source had a missing value; callers apply a gap policy.
 *
 * @param timestamps event time of each row, milliseconds since the epoch (UTC)
 * @param channels channel names, in column order
 * @param values values[row][channel]
 * @param labels optional per-row 0/1 anomaly labels from the source (SKAB's {@code anomaly}), or null
 */
public record TimeSeries(long[] timestamps, List<String> channels, double[][] values, int[] labels) {

    public TimeSeries {
        channels = List.copyOf(channels);
        if (channels.isEmpty()) {
            throw new LatentwatchException("a time series needs at least one channel, got none");
        }
        if (timestamps.length != values.length) {
            throw new LatentwatchException("timestamps (" + timestamps.length + ") and rows ("
                    + values.length + ") differ in number");
        }
        if (labels != null && labels.length != values.length) {
            throw new LatentwatchException("labels (" + labels.length + ") and rows ("
                    + values.length + ") differ in number");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != channels.size()) {
                throw new LatentwatchException("row " + i + " has " + values[i].length
                        + " values, expected " + channels.size() + " (one per channel)");
            }
        }
    }

    public int rows() {
        return values.length;
    }

    /** The first {@code n} rows (all of them if the series is shorter). */
    public TimeSeries head(int n) {
        int k = Math.min(n, rows());
        return slice(0, k);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public TimeSeries slice(int from, int to) {
        if (from < 0 || to > rows() || from > to) {
            throw new LatentwatchException("slice [" + from + ", " + to + ") is outside the series' "
                    + rows() + " rows");
        }
        return new TimeSeries(java.util.Arrays.copyOfRange(timestamps, from, to), channels,
                java.util.Arrays.copyOfRange(values, from, to),
                labels == null ? null : java.util.Arrays.copyOfRange(labels, from, to));
    }
}
