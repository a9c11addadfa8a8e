package io.latentwatch.threshold;

import java.util.Arrays;

/**
 * The exact {@code quantile} of the last {@code window} normal scores, times {@code margin}: bounded,
 * deterministic and easy to explain ("1.5 times this entity's 99th percentile over its last 1,000
 * windows"). An exact sliding window rather than a P² estimate, because P² never forgets and its
 * answer depends on the order of the first scores; the window costs 8 bytes a score instead.
 *
 * <p>Anomalous scores stay out of the window. Alongside the time-ordered window a sorted copy is kept,
 * updated by binary search, so each update costs two array shifts instead of a sort.
 */
final class QuantileThreshold implements AdaptiveThreshold {
    private final double floor;
    private final int window;
    private final double quantile;
    private final double margin;
    private final double[] recent;
    private final double[] sorted;
    private int size;

    QuantileThreshold(QuantileState state, ThresholdConfig config) {
        this.floor = state.floor();
        this.window = config.window();
        this.quantile = config.quantile();
        this.margin = config.margin();
        double[] kept = Samples.lastAtMost(state.recent(), window);
        this.recent = Arrays.copyOf(kept, window);
        this.size = kept.length;
        this.sorted = Arrays.copyOf(kept, window);
        Arrays.sort(sorted, 0, size);
    }

    /** Starts from the calibration sample, thinned to the window and mixed so no score size leaves first. */
    static QuantileThreshold calibrate(double[] sorted, double floor, ThresholdConfig config) {
        double[] recent = Samples.interleave(Samples.thin(sorted, config.window()));
        return new QuantileThreshold(new QuantileState(floor, recent), config);
    }

    @Override
    public Decision update(double score) {
        Floors.requireScore(score);
        double threshold = current();
        boolean anomalous = score > threshold;
        if (!anomalous) {
            if (size == window) {
                remove(recent[0]);
                System.arraycopy(recent, 1, recent, 0, size - 1);
                size--;
            }
            insert(score);
            recent[size++] = score;
        }
        return new Decision(anomalous, threshold);
    }

    @Override
    public double current() {
        return Math.max(Samples.quantile(sorted, size, quantile) * margin, floor);
    }

    @Override
    public QuantileState state() {
        return new QuantileState(floor, Arrays.copyOf(recent, size));
    }

    /** Removes one copy of value, known to be there, from the sorted prefix; the caller then shrinks size. */
    private void remove(double value) {
        int at = Arrays.binarySearch(sorted, 0, size, value);
        System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
    }

    /** Inserts value into the sorted prefix, which has room since size < window here. */
    private void insert(double value) {
        int at = Arrays.binarySearch(sorted, 0, size, value);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = value;
    }
}
