package io.latentwatch.threshold;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Small deterministic operations on samples of scores that the thresholds share. */
final class Samples {
    /** The golden ratio's fractional part: multiples of it mod 1 spread as evenly as any sequence can. */
    private static final double GOLDEN = 0.6180339887498949;

    private Samples() {
    }

    /** The {@code q} quantile of sorted values, by linear interpolation between closest ranks (as the trainer's). */
    static double quantile(double[] sorted, int size, double q) {
        double pos = q * (size - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, size - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * At most {@code max} evenly spaced order statistics of sorted values, always keeping the smallest and
     * the largest, so a thinned sample keeps the shape (and the extreme) of the whole.
     */
    static double[] thin(double[] sorted, int max) {
        if (sorted.length <= max) {
            return sorted.clone();
        }
        double[] out = new double[max];
        for (int i = 0; i < max; i++) {
            out[i] = sorted[(int) Math.round((double) i * (sorted.length - 1) / (max - 1))];
        }
        return out;
    }

    /**
     * The values of a sorted sample in a fixed, well-mixed order. Calibration samples have no time
     * order; fed sorted into a first-in-first-out buffer, the small values would leave first and bias
     * the early thresholds upwards. A golden-ratio order has no such drift and no randomness.
     */
    static double[] interleave(double[] sorted) {
        Integer[] order = IntStream.range(0, sorted.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> (i + 1) * GOLDEN % 1.0));
        double[] out = new double[sorted.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sorted[order[i]];
        }
        return out;
    }

    static double mean(double[] values, int size) {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum / size;
    }

    /** Sorted copy of scores, each required finite, and at least one. */
    static double[] sortedFinite(double[] scores, String what) {
        if (scores == null || scores.length == 0) {
            throw new LatentwatchException(what + " needs at least one score, got none");
        }
        for (int i = 0; i < scores.length; i++) {
            requireFinite(scores[i], what + " score " + i);
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    static double requireFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new LatentwatchException(what + " must be a finite number, got " + value);
        }
        return value;
    }

    /** The last {@code max} values, oldest first, so a smaller configured bound applies to restored state. */
    static double[] lastAtMost(double[] values, int max) {
        return values.length <= max ? values : Arrays.copyOfRange(values, values.length - max, values.length);
    }
}
