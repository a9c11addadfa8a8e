package io.latentwatch.threshold;

import java.util.Arrays;

/**
 * The peaks-over-threshold machinery SPOT and DSPOT share: keeps the last {@code maxPeaks} excesses
 * over the initial threshold t, refits the GPD tail on each new one, and turns the fit into the alert
 * threshold z_q.
 *
 * <p>z_q = t + σ/γ·((q·n/N_t)^(−γ) − 1), or t − σ·ln(q·n/N_t) as γ → 0, where N_t counts every peak
 * ever seen and n every normal observation: the rate of exceeding t comes from the whole history,
 * the tail's shape from the recent peaks. Unlike the paper, which recomputes z_q only after a refit,
 * we compute it from the current n at every step: between peaks n keeps growing, and the current
 * count is the better estimate of how rarely t is exceeded. With no peaks yet, z_q is t.
 */
final class Tail {
    private final double risk;
    private final int maxPeaks;
    private final double t;
    private long n;
    private long peakCount;
    private final double[] peaks;
    private int size;
    private GpdFit fit;

    private Tail(double risk, int maxPeaks, double t, long n, long peakCount, double[] kept, GpdFit fit) {
        this.risk = risk;
        this.maxPeaks = maxPeaks;
        this.t = t;
        this.n = n;
        this.peakCount = peakCount;
        this.peaks = Arrays.copyOf(kept, maxPeaks);
        this.size = kept.length;
        this.fit = fit != null ? fit : GpdFit.fit(peaks, size);
    }

    /** Starts from sorted calibration values: t at the initial quantile, every value above it a peak. */
    static Tail calibrate(double[] sorted, ThresholdConfig config) {
        double t = Samples.quantile(sorted, sorted.length, config.initialQuantile());
        int first = sorted.length;
        while (first > 0 && sorted[first - 1] > t) {
            first--;
        }
        double[] excesses = new double[sorted.length - first];
        for (int i = first; i < sorted.length; i++) {
            excesses[i - first] = sorted[i] - t;
        }
        double[] kept = Samples.interleave(Samples.thin(excesses, config.maxPeaks()));
        return new Tail(config.risk(), config.maxPeaks(), t, sorted.length, excesses.length, kept, null);
    }

    /** Resumes from saved state; keeps only the last maxPeaks peaks (and refits) if the bound was lowered. */
    static Tail restore(TailState state, ThresholdConfig config) {
        double[] all = state.peaks();
        double[] kept = Samples.lastAtMost(all, config.maxPeaks());
        GpdFit fit = kept.length == all.length ? new GpdFit(state.gamma(), state.sigma()) : null;
        return new Tail(config.risk(), config.maxPeaks(), state.t(), state.n(), state.peakCount(), kept, fit);
    }

    /** The alert threshold z_q, never below t. */
    double threshold() {
        if (peakCount == 0 || fit.sigma() == 0) {
            return t;
        }
        double r = risk * n / peakCount;
        if (r >= 1) {
            return t;
        }
        double gamma = fit.gamma();
        double z = Math.abs(gamma) < 1e-9
                ? t - fit.sigma() * Math.log(r)
                : t + fit.sigma() / gamma * (Math.pow(r, -gamma) - 1);
        return Double.isFinite(z) ? Math.max(z, t) : Double.MAX_VALUE;
    }

    /** Learns from a value judged normal: a peak if above t (then refits), counted either way. */
    void observe(double value) {
        if (value > t) {
            if (size == maxPeaks) {
                System.arraycopy(peaks, 1, peaks, 0, size - 1);
                size--;
            }
            peaks[size++] = value - t;
            peakCount++;
            n++;
            fit = GpdFit.fit(peaks, size);
        } else {
            n++;
        }
    }

    TailState state() {
        return new TailState(t, n, peakCount, fit.gamma(), fit.sigma(), Arrays.copyOf(peaks, size));
    }
}
