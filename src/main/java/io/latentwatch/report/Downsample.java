package io.latentwatch.report;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;

/**
 * Min/max downsampling for charts: the time range is cut into {@code buckets} equal buckets (one per
 * pixel column) and each keeps only its lowest and highest point, in time order. A line through the
 * result covers exactly the vertical extent the full series would paint, so spikes survive, while the
 * point count stays at most {@code 2 * buckets} whatever the series length. NaN values are dropped.
 */
public final class Downsample {
    public static final int MAX_BUCKETS = 100_000;

    private Downsample() {
    }

    /** Points of a downsampled series: times and values, equally long. */
    public record Points(long[] times, double[] values) {
        public int size() {
            return times.length;
        }
    }

    /**
     * @param times non-decreasing event times
     * @param values one value per time; NaN values are skipped
     * @param from start of the charted range; earlier points are dropped
     * @param to end of the charted range (inclusive), after {@code from}; later points are dropped
     * @param buckets in [1, {@value #MAX_BUCKETS}]
     */
    public static Points minMax(long[] times, double[] values, long from, long to, int buckets) {
        if (times.length != values.length) {
            throw new LatentwatchException("downsampling needs one value per time, got " + times.length + " times and "
                    + values.length + " values");
        }
        if (buckets < 1 || buckets > MAX_BUCKETS) {
            throw new LatentwatchException("buckets must be in [1, " + MAX_BUCKETS + "], got " + buckets);
        }
        if (to <= from) {
            throw new LatentwatchException("the range [" + from + ", " + to + "] is empty");
        }
        long[] outT = new long[Math.min(times.length, 2 * buckets)];
        double[] outV = new double[outT.length];
        int n = 0;
        double span = (double) to - from;
        int bucket = -1;
        int minAt = -1;
        int maxAt = -1;
        for (int i = 0; i < times.length; i++) {
            double v = values[i];
            if (Double.isNaN(v) || times[i] < from || times[i] > to) {
                continue;
            }
            int b = (int) Math.min(buckets - 1, Math.floor((times[i] - from) / span * buckets));
            if (b != bucket) {
                n = flush(times, values, minAt, maxAt, outT, outV, n);
                bucket = b;
                minAt = i;
                maxAt = i;
            } else if (v < values[minAt]) {
                minAt = i;
            } else if (v > values[maxAt]) {
                maxAt = i;
            }
        }
        n = flush(times, values, minAt, maxAt, outT, outV, n);
        return new Points(Arrays.copyOf(outT, n), Arrays.copyOf(outV, n));
    }

    private static int flush(long[] times, double[] values, int minAt, int maxAt, long[] outT, double[] outV, int n) {
        if (minAt < 0) {
            return n;
        }
        int first = Math.min(minAt, maxAt);
        int second = Math.max(minAt, maxAt);
        outT[n] = times[first];
        outV[n++] = values[first];
        if (second != first) {
            outT[n] = times[second];
            outV[n++] = values[second];
        }
        return n;
    }
}
