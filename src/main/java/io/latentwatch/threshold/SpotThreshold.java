package io.latentwatch.threshold;

/**
 * SPOT (Siffer et al., KDD 2017): a score is anomalous above z_q, the level a generalised Pareto tail
 * fitted to the peaks over t puts at probability {@code risk}; a score between t and z_q is a new peak.
 * Suits stationary scores; see {@link DspotThreshold} when their level drifts.
 */
final class SpotThreshold implements AdaptiveThreshold {
    private final double floor;
    private final Tail tail;

    SpotThreshold(double floor, Tail tail) {
        this.floor = floor;
        this.tail = tail;
    }

    @Override
    public Decision update(double score) {
        Floors.requireScore(score);
        double threshold = current();
        boolean anomalous = score > threshold;
        if (!anomalous) {
            tail.observe(score);
        }
        return new Decision(anomalous, threshold);
    }

    @Override
    public double current() {
        return Math.max(tail.threshold(), floor);
    }

    @Override
    public SpotState state() {
        return new SpotState(floor, tail.state());
    }
}
