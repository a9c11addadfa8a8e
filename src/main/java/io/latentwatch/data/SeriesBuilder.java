package io.latentwatch.data;

import java.util.Arrays;
import java.util.List;

/**
 * Collects parsed rows into growing primitive arrays, so a long file costs about as much memory
 * as the {@link TimeSeries} it becomes rather than one boxed object per cell.
 */
final class SeriesBuilder {
    private long[] timestamps = new long[1024];
    private double[][] values = new double[1024][];
    private int[] labels = new int[1024];
    private int rows;

    void add(long timestamp, double[] row, int label) {
        if (rows == timestamps.length) {
            int capacity = Math.max(rows + 1, rows + (rows >> 1));
            timestamps = Arrays.copyOf(timestamps, capacity);
            values = Arrays.copyOf(values, capacity);
            labels = Arrays.copyOf(labels, capacity);
        }
        timestamps[rows] = timestamp;
        values[rows] = row;
        labels[rows] = label;
        rows++;
    }

    int rows() {
        return rows;
    }

    TimeSeries build(List<String> channels, boolean withLabels) {
        return new TimeSeries(Arrays.copyOf(timestamps, rows), channels, Arrays.copyOf(values, rows),
                withLabels ? Arrays.copyOf(labels, rows) : null);
    }
}
