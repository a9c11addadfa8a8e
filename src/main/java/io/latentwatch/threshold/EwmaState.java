package io.latentwatch.threshold;

import io.latentwatch.LatentwatchException;

/**
 * Persisted state of an {@link ThresholdKind#EWMA} threshold.
 *
 * @param floor the lowest threshold allowed
 * @param mean exponentially weighted mean of normal scores
 * @param variance exponentially weighted variance of normal scores, ≥ 0
 */
public record EwmaState(double floor, double mean, double variance) implements ThresholdState {
    public EwmaState {
        Floors.check(floor);
        Samples.requireFinite(mean, "EWMA mean");
        if (!(variance >= 0) || !Double.isFinite(variance)) {
            throw new LatentwatchException("EWMA variance must be finite and >= 0, got " + variance);
        }
    }

    @Override
    public ThresholdKind kind() {
        return ThresholdKind.EWMA;
    }
}
