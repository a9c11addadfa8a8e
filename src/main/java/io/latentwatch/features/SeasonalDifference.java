package io.latentwatch.features;

import io.latentwatch.LatentwatchException;
import io.latentwatch.data.TimeSeries;
import java.util.List;

/**
 * Seasonal differences as extra model inputs: for every channel, the reading minus the reading
 * {@code lag} readings earlier, normalised as {@code (d - mean[c]) / std[c]}. A window of a daily
 * signal then also shows how this stretch differs from the same stretch a season ago, so a missing
 * daily peak or a quiet holiday stands out although each reading alone looks normal.
 *
 * @param lag readings between a value and the one it is compared with, at least 1
 * @param mean per channel, the mean of the differences on the training rows
 * @param std per channel, their standard deviation
 */
public record SeasonalDifference(int lag, double[] mean, double[] std) {
    /** The longest lag: the detector keeps {@code lag + window} readings per entity. */
    public static final int MAX_LAG = 10_000;
    /** The mean autocorrelation a lag needs before {@link #detect} takes it as the season. */
    public static final double MIN_AUTOCORRELATION = 0.5;
    /** Training windows {@link #detect} leaves at the least: a lag longer than this allows is not taken. */
    public static final int MIN_WINDOWS = 50;

    public SeasonalDifference {
        if (lag < 1 || lag > MAX_LAG) {
            throw new LatentwatchException("seasonal lag must be in [1, " + MAX_LAG + "] readings, got " + lag);
        }
        if (mean == null || std == null || mean.length != std.length || mean.length == 0) {
            throw new LatentwatchException("seasonal differences need one mean and one std per channel, got "
                    + (mean == null ? "none" : mean.length) + " and " + (std == null ? "none" : std.length));
        }
        for (int c = 0; c < mean.length; c++) {
            if (!Double.isFinite(mean[c]) || !Double.isFinite(std[c]) || std[c] < 0) {
                throw new LatentwatchException("seasonal difference of channel " + c + " has mean " + mean[c]
                        + " and std " + std[c] + ", expected finite values and std >= 0");
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Fits the differences' mean and standard deviation on {@code parts}, never across two of them. */
    public static SeasonalDifference fit(List<TimeSeries> parts, int lag) {
        int channels = parts.get(0).channels().size();
        double[] sum = new double[channels];
        double[] sumSq = new double[channels];
        long[] n = new long[channels];
        for (TimeSeries part : parts) {
            double[][] v = part.values();
            for (int i = lag; i < v.length; i++) {
                for (int c = 0; c < channels; c++) {
                    double d = v[i][c] - v[i - lag][c];
                    if (Double.isFinite(d)) {
                        sum[c] += d;
                        sumSq[c] += d * d;
                        n[c]++;
                    }
                }
            }
        }
        double[] mean = new double[channels];
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            if (n[c] == 0) {
                throw new LatentwatchException("channel '" + parts.get(0).channels().get(c) + "' has no pair of finite "
                        + "values " + lag + " readings apart to fit its seasonal difference on");
            }
            mean[c] = sum[c] / n[c];
            std[c] = Math.sqrt(Math.max(0, sumSq[c] / n[c] - mean[c] * mean[c]));
        }
        return new SeasonalDifference(lag, mean, std);
    }

    /**
     * The season of {@code parts}, or 0 when there is none: the lag of the highest local maximum of
     * the autocorrelation (averaged over channels and parts) between 2 and half the rows, if it reaches
     * {@link #MIN_AUTOCORRELATION} and leaves at least {@link #MIN_WINDOWS} windows of {@code window}
     * readings in the shortest part. Looks at the rows it is given only.
     */
    public static int detect(List<TimeSeries> parts, int window) {
        int shortest = Integer.MAX_VALUE;
        for (TimeSeries p : parts) {
            shortest = Math.min(shortest, p.rows());
        }
        int maxLag = Math.min(MAX_LAG, Math.min(shortest / 2, shortest - window - MIN_WINDOWS));
        if (maxLag < 2) {
            return 0;
        }
        double[] acf = new double[maxLag + 2];
        int terms = 0;
        for (TimeSeries p : parts) {
            for (int c = 0; c < p.channels().size(); c++) {
                double[] x = column(p, c);
                if (x == null) {
                    continue;
                }
                for (int lag = 1; lag <= maxLag + 1 && lag < x.length; lag++) {
                    acf[lag] += autocorrelation(x, lag);
                }
                terms++;
            }
        }
        if (terms == 0) {
            return 0;
        }
        int best = 0;
        double bestValue = MIN_AUTOCORRELATION;
        for (int lag = 2; lag <= maxLag; lag++) {
            double a = acf[lag] / terms;
            if (a > acf[lag - 1] / terms && a >= acf[lag + 1] / terms && a >= bestValue) {
                best = lag;
                bestValue = a;
            }
        }
        return best;
    }

    /** Channel {@code c} with missing values replaced by the channel mean, or null if it is constant or empty. */
    private static double[] column(TimeSeries p, int c) {
        double[][] v = p.values();
        double sum = 0;
        int n = 0;
        for (double[] row : v) {
            if (Double.isFinite(row[c])) {
                sum += row[c];
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        double mean = sum / n;
        double[] x = new double[v.length];
        double var = 0;
        for (int i = 0; i < v.length; i++) {
            x[i] = Double.isFinite(v[i][c]) ? v[i][c] - mean : 0;
            var += x[i] * x[i];
        }
        return var > 0 ? x : null;
    }

    /** Pearson correlation of {@code x[lag..]} with {@code x[..n-lag]}. */
    static double autocorrelation(double[] x, int lag) {
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = lag; i < x.length; i++) {
            xy += x[i] * x[i - lag];
            xx += x[i - lag] * x[i - lag];
            yy += x[i] * x[i];
        }
        return xx > 0 && yy > 0 ? xy / Math.sqrt(xx * yy) : 0;
    }

    /** The normalised difference {@code d} on channel {@code c}. */
    public float normalise(int c, double d) {
        return FeatureSpec.normalised(d, mean[c], std[c]);
    }

    /** The difference in original units of normalised {@code z} on channel {@code c}. */
    public double denormalise(int c, double z) {
        return FeatureSpec.denormalised(z, mean[c], std[c]);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeasonalDifference s && lag == s.lag && java.util.Arrays.equals(mean, s.mean)
                && java.util.Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return 31 * lag + java.util.Arrays.hashCode(mean);
    }
}
