package io.latentwatch.threshold;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;

/**
 * Persisted state of a {@link ThresholdKind#QUANTILE} threshold.
 *
 * @param floor the lowest threshold allowed
 * @param recent the last normal scores, oldest first (1 to 100,000)
 */
public record QuantileState(double floor, double[] recent) implements ThresholdState {
    /** The most recent scores a state may hold: the largest configurable window. */
    public static final int MAX_RECENT = 100_000;

    public QuantileState {
        Floors.check(floor);
        if (recent == null || recent.length < 1 || recent.length > MAX_RECENT) {
            throw new LatentwatchException("QUANTILE state must hold 1 to " + MAX_RECENT + " recent scores, got "
                    + (recent == null ? "none" : recent.length));
        }
        for (int i = 0; i < recent.length; i++) {
            Samples.requireFinite(recent[i], "QUANTILE recent score " + i);
        }
        recent = recent.clone();
    }

    @Override
    public ThresholdKind kind() {
        return ThresholdKind.QUANTILE;
    }

    @Override
    public double[] recent() {
        return recent.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantileState s && Double.compare(floor, s.floor) == 0 && Arrays.equals(recent, s.recent);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(floor) * 31 + Arrays.hashCode(recent);
    }

    @Override
    public String toString() {
        return "QuantileState[floor=" + floor + ", recent=" + recent.length + " scores]";
    }
}
