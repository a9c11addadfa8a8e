package io.latentwatch.threshold;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;

/**
 * Persisted state of a {@link ThresholdKind#DSPOT} threshold.
 *
 * @param floor the lowest threshold allowed
 * @param tail peaks over threshold of the residuals (score minus local mean)
 * @param recent the last normal scores the local mean averages, oldest first (1 to 10,000)
 */
public record DspotState(double floor, TailState tail, double[] recent) implements ThresholdState {
    /** The most recent scores a state may hold: the largest configurable depth. */
    public static final int MAX_RECENT = 10_000;

    public DspotState {
        Floors.check(floor);
        if (tail == null) {
            throw new LatentwatchException("DSPOT state has no tail");
        }
        if (recent == null || recent.length < 1 || recent.length > MAX_RECENT) {
            throw new LatentwatchException("DSPOT state must hold 1 to " + MAX_RECENT + " recent scores, got "
                    + (recent == null ? "none" : recent.length));
        }
        for (int i = 0; i < recent.length; i++) {
            Samples.requireFinite(recent[i], "DSPOT recent score " + i);
        }
        recent = recent.clone();
    }

    @Override
    public ThresholdKind kind() {
        return ThresholdKind.DSPOT;
    }

    @Override
    public double[] recent() {
        return recent.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DspotState s && Double.compare(floor, s.floor) == 0 && tail.equals(s.tail)
                && Arrays.equals(recent, s.recent);
    }

    @Override
    public int hashCode() {
        return tail.hashCode() * 31 + Arrays.hashCode(recent);
    }

    @Override
    public String toString() {
        return "DspotState[floor=" + floor + ", tail=" + tail + ", recent=" + recent.length + " scores]";
    }
}
