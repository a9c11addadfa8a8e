package io.latentwatch.threshold;

/**
 * An exponentially weighted z-score threshold: mean + k·standard deviation, both weighted by
 * {@code alpha} towards recent normal scores. Cheap (two numbers of state) and quick to follow a
 * changed noise level, but it assumes the mean and spread describe the tail, which is rough for
 * heavy-tailed scores.
 *
 * <p>Anomalous scores do not update it at all (not even with a small weight): an incident must not
 * raise the bar it is judged by. The cost is that a permanent upward shift keeps alerting until the
 * model or the state is reset; the incident logic, not this class, decides what to do about that.
 */
final class EwmaThreshold implements AdaptiveThreshold {
    private final double floor;
    private final double alpha;
    private final double k;
    private double mean;
    private double variance;

    EwmaThreshold(EwmaState state, ThresholdConfig config) {
        this.floor = state.floor();
        this.alpha = config.ewmaAlpha();
        this.k = config.ewmaK();
        this.mean = state.mean();
        this.variance = state.variance();
    }

    /** Starts from the calibration scores' plain mean and variance. */
    static EwmaThreshold calibrate(double[] sorted, double floor, ThresholdConfig config) {
        double mean = Samples.mean(sorted, sorted.length);
        double squares = 0;
        for (double s : sorted) {
            squares += (s - mean) * (s - mean);
        }
        return new EwmaThreshold(new EwmaState(floor, mean, squares / sorted.length), config);
    }

    @Override
    public Decision update(double score) {
        Floors.requireScore(score);
        double threshold = current();
        boolean anomalous = score > threshold;
        if (!anomalous) {
            // The incremental form of an exponentially weighted variance (Finch 2009), stable in one pass.
            double diff = score - mean;
            double increment = alpha * diff;
            mean += increment;
            variance = (1 - alpha) * (variance + diff * increment);
        }
        return new Decision(anomalous, threshold);
    }

    @Override
    public double current() {
        return Math.max(mean + k * Math.sqrt(variance), floor);
    }

    @Override
    public EwmaState state() {
        return new EwmaState(floor, mean, variance);
    }
}
