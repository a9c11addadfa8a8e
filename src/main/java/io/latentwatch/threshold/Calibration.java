package io.latentwatch.threshold;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;

/**
 * A compact stand-in for a model's validation scores, from which every new entity's threshold starts.
 *
 * <p>It is a sorted sample of at most {@link #MAX_SIZE} scores: the evenly spaced order statistics of
 * all validation scores, always including the smallest and the largest, so quantiles and the upper
 * tail survive the thinning. It travels as a plain sorted {@code double[]} (for instance a JSON array
 * in the model card), at most 8,000 bytes of doubles.
 */
public final class Calibration {
    /** Enough for 20 peaks at the default initial quantile 0.98, and small enough to sit in a model card. */
    public static final int MAX_SIZE = 1000;

    private final double[] sorted;

    private Calibration(double[] sorted) {
        this.sorted = sorted;
    }

    /**
     * Summarises validation scores, in any order.
     *
     * @throws LatentwatchException if there are none or one is not finite (naming its index)
     */
    public static Calibration of(double[] scores) {
        return new Calibration(Samples.thin(Samples.sortedFinite(scores, "calibration"), MAX_SIZE));
    }

    /**
     * Reads back what {@link #toArray()} wrote.
     *
     * @throws LatentwatchException if the array is empty, longer than {@link #MAX_SIZE}, not sorted or not finite
     */
    public static Calibration fromArray(double[] sorted) {
        if (sorted == null || sorted.length == 0 || sorted.length > MAX_SIZE) {
            throw new LatentwatchException("calibration must hold 1 to " + MAX_SIZE + " scores, got "
                    + (sorted == null ? "none" : sorted.length));
        }
        for (int i = 0; i < sorted.length; i++) {
            Samples.requireFinite(sorted[i], "calibration score " + i);
            if (i > 0 && sorted[i] < sorted[i - 1]) {
                throw new LatentwatchException("calibration scores must be sorted ascending, but score " + i + " ("
                        + sorted[i] + ") is below score " + (i - 1) + " (" + sorted[i - 1] + ")");
            }
        }
        return new Calibration(sorted.clone());
    }

    /**
     * A calibration rebuilt from the five quantiles a model card already carries, for cards made before
     * cards carried a sample: {@link #MAX_SIZE} points of the piecewise-linear quantile function through
     * (0, 0), (0.5, p50), (0.9, p90), (0.99, p99), (0.999, p999) and (1, max). Coarse in the middle,
     * but the tail that thresholds care about is pinned by the card's own upper quantiles.
     *
     * @throws LatentwatchException if the quantiles are not finite, non-negative and non-decreasing
     */
    public static Calibration fromQuantiles(double p50, double p90, double p99, double p999, double max) {
        double[] level = {0, 0.5, 0.9, 0.99, 0.999, 1};
        double[] value = {0, p50, p90, p99, p999, max};
        for (int i = 1; i < value.length; i++) {
            if (!Double.isFinite(value[i]) || value[i] < value[i - 1]) {
                throw new LatentwatchException("calibration quantiles must be finite, non-negative and non-decreasing,"
                        + " got p50=" + p50 + " p90=" + p90 + " p99=" + p99 + " p999=" + p999 + " max=" + max);
            }
        }
        double[] sample = new double[MAX_SIZE];
        int segment = 1;
        for (int i = 0; i < MAX_SIZE; i++) {
            double p = (double) i / (MAX_SIZE - 1);
            while (segment < level.length - 1 && p > level[segment]) {
                segment++;
            }
            double f = (p - level[segment - 1]) / (level[segment] - level[segment - 1]);
            sample[i] = Math.min(value[segment], value[segment - 1] + f * (value[segment] - value[segment - 1]));
        }
        return new Calibration(sample);
    }

    /** The sorted sample, a copy. */
    public double[] toArray() {
        return sorted.clone();
    }

    public int size() {
        return sorted.length;
    }

    /** The sorted sample without a copy, for this package's read-only use. */
    double[] sortedView() {
        return sorted;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Calibration other && Arrays.equals(sorted, other.sorted);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sorted);
    }

    @Override
    public String toString() {
        return "Calibration[" + sorted.length + " scores, " + sorted[0] + " to " + sorted[sorted.length - 1] + "]";
    }
}
