package io.latentwatch.bench;

import io.latentwatch.LatentwatchException;
import java.util.List;

/** Percentiles of measured samples. */
final class Percentiles {
    private Percentiles() {
    }

    /** The nearest-rank {@code q}-quantile of ascending {@code sorted}: the smallest sample with at least q of them at or below it. */
    static double nearestRank(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            throw new LatentwatchException("no samples to take a percentile of");
        }
        if (!(q > 0 && q <= 1)) {
            throw new LatentwatchException("quantile must be in (0, 1], got " + q);
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
