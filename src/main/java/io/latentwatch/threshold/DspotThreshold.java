package io.latentwatch.threshold;

import java.util.Arrays;

/**
 * DSPOT, SPOT's drifting variant: the tail is fitted to residuals, score minus the mean of the last
 * {@code depth} normal scores, so the threshold rides on a slowly moving level. Anomalous scores are
 * left out of the mean, or an incident would drag the level up behind it.
 *
 * <p>The price of following drift: a fault that grows more slowly than the local mean follows it is
 * absorbed as drift and never alerted; {@code ThresholdComparisonTest} shows it on a slow ramp.
 */
final class DspotThreshold implements AdaptiveThreshold {
    private final double floor;
    private final Tail tail;
    private final int depth;
    private final double[] recent;
    private int size;

    DspotThreshold(double floor, Tail tail, double[] recent, int depth) {
        this.floor = floor;
        this.tail = tail;
        this.depth = depth;
        double[] kept = Samples.lastAtMost(recent, depth);
        this.recent = Arrays.copyOf(kept, depth);
        this.size = kept.length;
    }

    /**
     * Starts from sorted calibration scores. They carry no time order, so the local mean starts as
     * their mean (all {@code depth} slots hold it) and the tail is fitted to the scores minus it.
     */
    static DspotThreshold calibrate(double[] sorted, double floor, ThresholdConfig config) {
        double mean = Samples.mean(sorted, sorted.length);
        double[] residuals = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            residuals[i] = sorted[i] - mean;
        }
        double[] recent = new double[config.depth()];
        Arrays.fill(recent, mean);
        return new DspotThreshold(floor, Tail.calibrate(residuals, config), recent, config.depth());
    }

    @Override
    public Decision update(double score) {
        Floors.requireScore(score);
        double level = level();
        double threshold = Math.max(level + tail.threshold(), floor);
        boolean anomalous = score > threshold;
        if (!anomalous) {
            tail.observe(score - level);
            if (size == depth) {
                System.arraycopy(recent, 1, recent, 0, size - 1);
                size--;
            }
            recent[size++] = score;
        }
        return new Decision(anomalous, threshold);
    }

    @Override
    public double current() {
        return Math.max(level() + tail.threshold(), floor);
    }

    @Override
    public DspotState state() {
        return new DspotState(floor, tail.state(), Arrays.copyOf(recent, size));
    }

    private double level() {
        return Samples.mean(recent, size);
    }
}
