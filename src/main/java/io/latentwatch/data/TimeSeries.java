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

    /**
     * The rows of several series with the same channels, one after another (labels kept only if
     * every part has them).
     */
    public static TimeSeries concat(List<TimeSeries> parts) {
        if (parts.isEmpty()) {
            throw new LatentwatchException("nothing to concatenate: no series given");
        }
        List<String> channels = parts.get(0).channels();
        int rows = 0;
        boolean labelled = true;
        for (TimeSeries part : parts) {
            if (!part.channels().equals(channels)) {
                throw new LatentwatchException("series have different channels: " + channels + " and "
                        + part.channels());
            }
            rows += part.rows();
            labelled &= part.labels() != null;
        }
        long[] ts = new long[rows];
        double[][] values = new double[rows][];
        int[] labels = labelled ? new int[rows] : null;
        int at = 0;
        for (TimeSeries part : parts) {
            System.arraycopy(part.timestamps(), 0, ts, at, part.rows());
            System.arraycopy(part.values(), 0, values, at, part.rows());
            if (labelled) {
                System.arraycopy(part.labels(), 0, labels, at, part.rows());
            }
            at += part.rows();
        }
        return new TimeSeries(ts, channels, values, labels);
    }
}
