package io.latentwatch.threshold;

import io.latentwatch.LatentwatchException;

/** The floor every threshold kind shares: the card's static threshold scaled by the configured factor. */
final class Floors {
    private Floors() {
    }

    static double of(ThresholdConfig config, double staticThreshold) {
        if (!(staticThreshold >= 0) || !Double.isFinite(staticThreshold)) {
            throw new LatentwatchException("static threshold must be finite and >= 0, got " + staticThreshold);
        }
        return config.floorFactor() * staticThreshold;
    }

    static double check(double floor) {
        if (!(floor >= 0) || !Double.isFinite(floor)) {
            throw new LatentwatchException("threshold floor must be finite and >= 0, got " + floor);
        }
        return floor;
    }

    static double requireScore(double score) {
        return Samples.requireFinite(score, "anomaly score");
    }
}
