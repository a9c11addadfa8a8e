package io.latentwatch.report;

import io.latentwatch.LatentwatchException;
import java.util.List;

/**
 * The raw signal of one entity or file: one or a few channels sampled at the same timestamps, in
 * the channels' own units (the chart normalises each channel for display). NaN marks a missing value.
 *
 * @param channels channel names, one per row of {@code values}
 * @param times event times in epoch milliseconds, non-decreasing
 * @param values {@code values[c][i]} is channel {@code c} at {@code times[i]}
 */
public record Signal(List<String> channels, long[] times, double[][] values) {
    public Signal {
        channels = List.copyOf(channels);
        if (times == null || values == null) {
            throw new LatentwatchException("a signal needs times and values");
        }
        if (values.length != channels.size()) {
            throw new LatentwatchException("a signal needs one value row per channel: " + channels.size()
                    + " channels " + channels + ", " + values.length + " rows");
        }
        for (int c = 0; c < values.length; c++) {
            if (values[c].length != times.length) {
                throw new LatentwatchException("channel " + channels.get(c) + " has " + values[c].length
                        + " values for " + times.length + " timestamps");
            }
        }
        for (int i = 1; i < times.length; i++) {
            if (times[i] < times[i - 1]) {
                throw new LatentwatchException("signal times must not decrease, got " + times[i - 1] + " then "
                        + times[i] + " at row " + i);
            }
        }
    }

    /** A signal with no channel and no row, for tracks that only have scores. */
    public static Signal empty() {
        return new Signal(List.of(), new long[0], new double[0][]);
    }

    public int size() {
        return times.length;
    }
}
