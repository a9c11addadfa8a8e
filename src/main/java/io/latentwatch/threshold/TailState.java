package io.latentwatch.threshold;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;

/**
 * The peaks-over-threshold part of SPOT and DSPOT state: the initial threshold, the counts that
 * estimate how often it is exceeded, the most recent peaks and the tail fitted to them.
 *
 * <p>The fit is stored although the peaks determine it, so a restore costs no refit.
 *
 * @param t the initial (peak) threshold
 * @param n normal observations so far, calibration included; anomalies are not counted
 * @param peakCount peaks so far (normal observations above t), of which {@code peaks} keeps the last ones
 * @param gamma fitted GPD shape
 * @param sigma fitted GPD scale, ≥ 0
 * @param peaks the most recent excesses over t, oldest first, each > 0
 */
public record TailState(double t, long n, long peakCount, double gamma, double sigma, double[] peaks) {
    /** The most peaks a state may hold, whatever the configuration: bounds what a decoder allocates. */
    public static final int MAX_PEAKS = 100_000;

    public TailState {
        Samples.requireFinite(t, "tail threshold t");
        Samples.requireFinite(gamma, "tail shape gamma");
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new LatentwatchException("tail scale sigma must be finite and >= 0, got " + sigma);
        }
        if (peaks == null || peaks.length > MAX_PEAKS) {
            throw new LatentwatchException("tail holds " + (peaks == null ? "no" : peaks.length)
                    + " peaks array, expected 0 to " + MAX_PEAKS + " peaks");
        }
        if (peakCount < peaks.length || n < peakCount) {
            throw new LatentwatchException("tail counts are inconsistent: n=" + n + ", peakCount=" + peakCount
                    + ", peaks kept=" + peaks.length + " (need n >= peakCount >= peaks kept)");
        }
        for (int i = 0; i < peaks.length; i++) {
            if (!(peaks[i] > 0) || !Double.isFinite(peaks[i])) {
                throw new LatentwatchException("tail peak " + i + " must be finite and > 0, got " + peaks[i]);
            }
        }
        peaks = peaks.clone();
    }

    @Override
    public double[] peaks() {
        return peaks.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TailState s && Double.compare(t, s.t) == 0 && n == s.n && peakCount == s.peakCount
                && Double.compare(gamma, s.gamma) == 0 && Double.compare(sigma, s.sigma) == 0
                && Arrays.equals(peaks, s.peaks);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(t) * 31 + Long.hashCode(n) * 17 + Long.hashCode(peakCount) + Arrays.hashCode(peaks);
    }

    @Override
    public String toString() {
        return "TailState[t=" + t + ", n=" + n + ", peakCount=" + peakCount + ", gamma=" + gamma + ", sigma=" + sigma
                + ", peaks kept=" + peaks.length + "]";
    }
}
