package io.latentwatch.features;

import io.latentwatch.LatentwatchException;
import io.latentwatch.data.TimeSeries;
import java.util.Arrays;
import java.util.List;

/**
 * How raw readings become a model's input: which channels in which order, how many readings a
 * window holds and how many new readings start the next one, and each channel's normalisation.
 * The trainer and the detector share this one definition, so they cannot drift apart.
 *
 * <p>A window's feature vector is time-major: element {@code t * F + c} is channel {@code c} at step
 * {@code t} (oldest first), normalised as {@code (x - mean[c]) / std[c]}, where {@code F} is
 * {@link #featureChannels()}. With {@link SeasonalDifference seasonal differences}, element
 * {@code t * F + channels + c} is channel {@code c}'s seasonal difference at step {@code t}, so
 * {@code F = 2 * channels}; without them {@code F = channels}.
 *
 * @param seasonal seasonal differences as extra inputs, or null for none
 */
public record FeatureSpec(List<String> channels, int window, int hop, double[] mean, double[] std,
                          SeasonalDifference seasonal) {

    /** Standard deviations below this are treated as 1 so that constant channels stay finite. */
    static final double MIN_STD = 1e-9;

    /** Features of the readings alone, without seasonal differences. */
    public FeatureSpec(List<String> channels, int window, int hop, double[] mean, double[] std) {
        this(channels, window, hop, mean, std, null);
    }

    public FeatureSpec {
        channels = List.copyOf(channels);
        if (channels.isEmpty()) {
            throw new LatentwatchException("a feature spec needs at least one channel");
        }
        if (window < 1 || window > 4096) {
            throw new LatentwatchException("window must be in [1, 4096] readings, got " + window);
        }
        if (hop < 1 || hop > window) {
            throw new LatentwatchException("hop must be in [1, window=" + window + "], got " + hop);
        }
        if (mean.length != channels.size() || std.length != channels.size()) {
            throw new LatentwatchException("normalisation has " + mean.length + " means and " + std.length
                    + " deviations, expected " + channels.size() + " (one per channel)");
        }
        for (int c = 0; c < std.length; c++) {
            if (!Double.isFinite(mean[c]) || !Double.isFinite(std[c]) || std[c] < 0) {
                throw new LatentwatchException("channel '" + channels.get(c) + "' has mean " + mean[c]
                        + " and std " + std[c] + ", expected finite values and std >= 0");
            }
        }
        if (seasonal != null && seasonal.mean().length != channels.size()) {
            throw new LatentwatchException("seasonal differences are normalised for " + seasonal.mean().length
                    + " channels, expected " + channels.size() + " (one per channel)");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** This spec with seasonal differences of {@code lag} readings fitted on {@code parts}; 0 = none. */
    public FeatureSpec withSeasonalLag(List<TimeSeries> parts, int lag) {
        return new FeatureSpec(channels, window, hop, mean, std, lag == 0 ? null : SeasonalDifference.fit(parts, lag));
    }

    /** Fits per-channel mean and standard deviation on {@code series}, ignoring NaN values. */
    public static FeatureSpec fit(TimeSeries series, int window, int hop) {
        int channels = series.channels().size();
        double[] mean = new double[channels];
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            double sumSq = 0;
            long n = 0;
            for (double[] row : series.values()) {
                double x = row[c];
                if (Double.isFinite(x)) {
                    sum += x;
                    n++;
                }
            }
            if (n == 0) {
                throw new LatentwatchException("channel '" + series.channels().get(c)
                        + "' has no finite value to fit its normalisation on");
            }
            mean[c] = sum / n;
            for (double[] row : series.values()) {
                double x = row[c];
                if (Double.isFinite(x)) {
                    sumSq += (x - mean[c]) * (x - mean[c]);
                }
            }
            std[c] = Math.sqrt(sumSq / n);
        }
        return new FeatureSpec(series.channels(), window, hop, mean, std);
    }

    public int channelCount() {
        return channels.size();
    }

    /** Inputs per step: the channels, and as many seasonal differences if the spec has them. */
    public int featureChannels() {
        return seasonal == null ? channels.size() : 2 * channels.size();
    }

    /** Length of a window's feature vector: window × {@link #featureChannels()}. */
    public int featureSize() {
        return window * featureChannels();
    }

    /** Readings between a value and the one its seasonal difference is taken from; 0 without. */
    public int seasonalLag() {
        return seasonal == null ? 0 : seasonal.lag();
    }

    /** Readings an entity's window buffer holds: the window and the seasonal lag before it. */
    public int history() {
        return window + seasonalLag();
    }

    public int indexOf(String channel) {
        return channels.indexOf(channel);
    }

    /** The normalised value of {@code x} on channel {@code c}. */
    public float normalise(int c, double x) {
        return normalised(x, mean[c], std[c]);
    }

    /** The value in original units of normalised {@code z} on channel {@code c}. */
    public double denormalise(int c, double z) {
        return denormalised(z, mean[c], std[c]);
    }

    /** {@code (x - mean) / std}, with a standard deviation below {@link #MIN_STD} taken as 1. */
    static float normalised(double x, double mean, double std) {
        return (float) ((x - mean) / (std < MIN_STD ? 1.0 : std));
    }

    /** The inverse of {@link #normalised}. */
    static double denormalised(double z, double mean, double std) {
        return z * (std < MIN_STD ? 1.0 : std) + mean;
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
        return o instanceof FeatureSpec f && channels.equals(f.channels) && window == f.window && hop == f.hop
                && Arrays.equals(mean, f.mean) && Arrays.equals(std, f.std)
                && java.util.Objects.equals(seasonal, f.seasonal);
    }

    @Override
    public int hashCode() {
        return 31 * channels.hashCode() + 7 * window + hop + Arrays.hashCode(mean);
    }

    @Override
    public String toString() {
        return "FeatureSpec" + channels + " window=" + window + " hop=" + hop
                + (seasonal == null ? "" : " seasonal lag=" + seasonal.lag());
    }
}
