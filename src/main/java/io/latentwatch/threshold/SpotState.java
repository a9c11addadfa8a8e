package io.latentwatch.threshold;

import io.latentwatch.LatentwatchException;

/**
 * Persisted state of a {@link ThresholdKind#SPOT} threshold.
 *
 * @param floor the lowest threshold allowed
 * @param tail peaks over threshold of the scores themselves
 */
public record SpotState(double floor, TailState tail) implements ThresholdState {
    public SpotState {
        Floors.check(floor);
        if (tail == null) {
            throw new LatentwatchException("SPOT state has no tail");
        }
    }

    @Override
    public ThresholdKind kind() {
        return ThresholdKind.SPOT;
    }
}
