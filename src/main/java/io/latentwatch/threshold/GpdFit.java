package io.latentwatch.threshold;

/**
 * A generalised Pareto distribution fitted to peaks (excesses over a threshold) by maximum likelihood,
 * with Grimshaw's trick as in the SPOT paper.
 *
 * <p>Grimshaw turns the two-parameter likelihood into one equation in x = γ/σ:
 * u(x)·v(x) = 1 with u(x) = mean(1/(1+x·Y)) and v(x) = 1 + mean(ln(1+x·Y)); each root x* ≠ 0 gives
 * γ = v(x*) − 1 and σ = γ/x*. Roots lie in (−1/Y_max, 0) and (0, 2(Ȳ−Y_min)/Y_min²]. We scan both
 * intervals on a fixed grid (log-spaced, since roots sit at very different scales), bisect each sign
 * change, and keep the candidate with the highest likelihood, the exponential tail (γ = 0, σ = Ȳ)
 * included, so the answer is never worse than the exponential fit. Fixed grids and iteration counts
 * keep it deterministic and its cost bounded: about 150 passes over at most {@code maxPeaks} peaks.
 *
 * <p>With fewer than {@link #MIN_PEAKS_FOR_SHAPE} peaks, or all peaks equal, the shape cannot be
 * estimated; we then use the exponential tail with its maximum-likelihood scale, the mean excess.
 *
 * <p>Known bias, inherited from the paper's algorithm: streaming SPOT keeps scores above z_q out of
 * the peaks, so the peaks are truncated at z_q, the fitted tail comes out a little light and z_q a
 * little low. The false-alarm rate therefore creeps above the risk; {@code SpotThresholdTest} measures
 * it (about 2-3× at risk 1e-3 over 100,000 scores). A fit of the truncated likelihood was tried and
 * dropped: with 1,000 peaks it cannot tell an exponential tail cut at z_q from a bounded one ending
 * there, so it did not help and cost three times as much.
 *
 * @param gamma the shape γ (positive: heavy tail; 0: exponential; negative: bounded)
 * @param sigma the scale σ; 0 only when there are no peaks
 */
record GpdFit(double gamma, double sigma) {
    static final int MIN_PEAKS_FOR_SHAPE = 10;
    private static final int GRID = 48;
    private static final int BISECTIONS = 60;

    /** Fits the first {@code count} values of {@code peaks}, each positive */
    static GpdFit fit(double[] peaks, int count) {
        if (count == 0) {
            return new GpdFit(0, 0);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, peaks[i]);
            max = Math.max(max, peaks[i]);
        }
        double mean = Samples.mean(peaks, count);
        GpdFit best = new GpdFit(0, mean);
        if (count < MIN_PEAKS_FOR_SHAPE || min == max) {
            return best;
        }
        double bestLikelihood = best.logLikelihood(peaks, count);
        for (double x : candidates(peaks, count, min, max, mean)) {
            double gamma = v(peaks, count, x) - 1;
            double sigma = gamma / x;
            GpdFit fit = new GpdFit(gamma, sigma);
            double likelihood = sigma > 0 && Double.isFinite(gamma) ? fit.logLikelihood(peaks, count) : Double.NaN;
            if (likelihood > bestLikelihood) {
                best = fit;
                bestLikelihood = likelihood;
            }
        }
        return best;
    }

    /** The log-likelihood of peaks under this distribution; −∞ if one lies outside its support. */
    double logLikelihood(double[] peaks, int count) {
        if (Math.abs(gamma) < 1e-12) {
            return -count * Math.log(sigma) - Samples.mean(peaks, count) * count / sigma;
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double s = 1 + gamma * peaks[i] / sigma;
            if (s <= 0) {
                return Double.NEGATIVE_INFINITY;
            }
            sum += Math.log(s);
        }
        return -count * Math.log(sigma) - (1 + 1 / gamma) * sum;
    }

    /** Roots of w(x) = u(x)·v(x) − 1 on both sides of the trivial root 0. */
    private static double[] candidates(double[] peaks, int count, double min, double max, double mean) {
        double[] grid = new double[2 * GRID];
        // Left: x = −s/Y_max, s in (0, 1), dense both near 0 and near the pole at s = 1.
        for (int i = 0; i < GRID / 2; i++) {
            double near = Math.pow(10, -6 + 5.7 * i / (GRID / 2 - 1));
            grid[i] = -near / max;
            grid[GRID - 1 - i] = -(1 - Math.pow(10, -9 + 8.7 * i / (GRID / 2 - 1))) / max;
        }
        java.util.Arrays.sort(grid, 0, GRID);
        // Right: log-spaced from 1e-6/Ȳ up to the paper's bound.
        double lo = 1e-6 / mean;
        double hi = Math.max(2 * (mean - min) / (min * min), lo * 10);
        for (int i = 0; i < GRID; i++) {
            grid[GRID + i] = lo * Math.pow(hi / lo, (double) i / (GRID - 1));
        }
        double[] roots = new double[2 * GRID];
        int found = 0;
        for (int side = 0; side < 2; side++) {
            double a = grid[side * GRID];
            double wa = w(peaks, count, a);
            for (int i = 1; i < GRID; i++) {
                double b = grid[side * GRID + i];
                double wb = w(peaks, count, b);
                if (Double.isFinite(wa) && Double.isFinite(wb) && (wa < 0) != (wb < 0)) {
                    roots[found++] = bisect(peaks, count, a, wa, b);
                }
                a = b;
                wa = wb;
            }
        }
        return java.util.Arrays.copyOf(roots, found);
    }

    private static double bisect(double[] peaks, int count, double a, double wa, double b) {
        for (int i = 0; i < BISECTIONS; i++) {
            double mid = 0.5 * (a + b);
            double wm = w(peaks, count, mid);
            if ((wm < 0) == (wa < 0)) {
                a = mid;
                wa = wm;
            } else {
                b = mid;
            }
        }
        return 0.5 * (a + b);
    }

    private static double w(double[] peaks, int count, double x) {
        double u = 0;
        double logs = 0;
        for (int i = 0; i < count; i++) {
            double s = 1 + x * peaks[i];
            u += 1 / s;
            logs += Math.log(s);
        }
        return (u / count) * (1 + logs / count) - 1;
    }

    private static double v(double[] peaks, int count, double x) {
        double logs = 0;
        for (int i = 0; i < count; i++) {
            logs += Math.log(1 + x * peaks[i]);
        }
        return 1 + logs / count;
    }
}
