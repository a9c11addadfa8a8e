package io.latentwatch.threshold;

import io.latentwatch.LatentwatchException;

/**
 * Settings of the adaptive thresholds; every kind's settings live here so one record configures the
 * detector whatever kind it runs. Values are checked at construction and a bad one is named together
 * with its allowed range.
 *
 * @param kind which algorithm ({@link #DEFAULT_KIND})
 * @param risk SPOT/DSPOT: the false-alarm probability per window the alert threshold z_q aims at
 *     ({@link #DEFAULT_RISK}); in (0, 1 - initialQuantile), since z_q must lie above the initial threshold
 * @param initialQuantile SPOT/DSPOT: quantile of the calibration scores taken as the peak threshold t
 *     ({@link #DEFAULT_INITIAL_QUANTILE}); in [0.5, 0.9999]
 * @param depth DSPOT: how many recent normal scores the local mean averages ({@link #DEFAULT_DEPTH}); in [1, 10000]
 * @param maxPeaks SPOT/DSPOT: how many of the most recent peaks the tail is fitted on, which bounds both
 *     the state and the cost of a refit ({@link #DEFAULT_MAX_PEAKS}); in [10, 100000]
 * @param ewmaAlpha EWMA: weight of a new score ({@link #DEFAULT_EWMA_ALPHA}); in (0, 1]
 * @param ewmaK EWMA: how many standard deviations above the mean the threshold lies ({@link #DEFAULT_EWMA_K});
 *     in (0, 100]
 * @param window QUANTILE: how many recent normal scores the quantile is taken over ({@link #DEFAULT_WINDOW});
 *     in [10, 100000]
 * @param quantile QUANTILE: which quantile of them ({@link #DEFAULT_QUANTILE}); in [0.5, 1]
 * @param margin QUANTILE: factor on that quantile ({@link #DEFAULT_MARGIN}); in [1, 100]
 * @param floorFactor all kinds: the threshold never drops below this times the model card's static
 *     threshold ({@link #DEFAULT_FLOOR_FACTOR}); in [0, 100], 0 turns the floor off
 */
public record ThresholdConfig(
        ThresholdKind kind,
        double risk,
        double initialQuantile,
        int depth,
        int maxPeaks,
        double ewmaAlpha,
        double ewmaK,
        int window,
        double quantile,
        double margin,
        double floorFactor) {

    /** SPOT is the default: the only kind whose threshold is tied to a stated false-alarm rate. */
    public static final ThresholdKind DEFAULT_KIND = ThresholdKind.SPOT;
    /** One false alarm in 10,000 windows, the paper's usual setting. */
    public static final double DEFAULT_RISK = 1e-4;
    /** The paper's 0.98: about 2% of scores are peaks, enough to fit a tail from 1,000 calibration scores. */
    public static final double DEFAULT_INITIAL_QUANTILE = 0.98;
    /** 50 windows: long enough to average noise out, short enough to follow a slow drift. */
    public static final int DEFAULT_DEPTH = 50;
    /** 1,000 peaks (about 50,000 windows at the default quantile): the shape is then known to about ±0.035. */
    public static final int DEFAULT_MAX_PEAKS = 1000;
    /** About 100 windows of memory. */
    public static final double DEFAULT_EWMA_ALPHA = 0.01;
    /** Four standard deviations: near the 0.999 quantile of light-tailed reconstruction errors. */
    public static final double DEFAULT_EWMA_K = 4;
    /** 1,000 windows, the same span as a full calibration sample. */
    public static final int DEFAULT_WINDOW = 1000;
    /** The 0.99 quantile is still well estimated from 1,000 scores (the 0.999 would be one score). */
    public static final double DEFAULT_QUANTILE = 0.99;
    /** 1.5, as the trainer's default margin on the card's threshold. */
    public static final double DEFAULT_MARGIN = 1.5;
    /**
     * Half the card's threshold: lets an entity quieter than the validation data have a tighter
     * threshold, while a collapsed fit (a stuck sensor reconstructing perfectly) cannot turn every
     * wobble into an alert.
     */
    public static final double DEFAULT_FLOOR_FACTOR = 0.5;

    public ThresholdConfig {
        if (kind == null) {
            throw new LatentwatchException("threshold kind is missing");
        }
        check("initialQuantile", initialQuantile, initialQuantile >= 0.5 && initialQuantile <= 0.9999, "[0.5, 0.9999]");
        check("risk", risk, risk > 0 && risk < 1 - initialQuantile,
                "(0, " + (float) (1 - initialQuantile) + "), below 1 - initialQuantile");
        check("depth", depth, depth >= 1 && depth <= 10_000, "[1, 10000]");
        check("maxPeaks", maxPeaks, maxPeaks >= 10 && maxPeaks <= 100_000, "[10, 100000]");
        check("ewmaAlpha", ewmaAlpha, ewmaAlpha > 0 && ewmaAlpha <= 1, "(0, 1]");
        check("ewmaK", ewmaK, ewmaK > 0 && ewmaK <= 100, "(0, 100]");
        check("window", window, window >= 10 && window <= 100_000, "[10, 100000]");
        check("quantile", quantile, quantile >= 0.5 && quantile <= 1, "[0.5, 1]");
        check("margin", margin, margin >= 1 && margin <= 100, "[1, 100]");
        check("floorFactor", floorFactor, floorFactor >= 0 && floorFactor <= 100, "[0, 100]");
    }

    /** The defaults, with SPOT. */
    public static ThresholdConfig defaults() {
        return defaults(DEFAULT_KIND);
    }

    /** The defaults, with the given kind. */
    public static ThresholdConfig defaults(ThresholdKind kind) {
        return new ThresholdConfig(kind, DEFAULT_RISK, DEFAULT_INITIAL_QUANTILE, DEFAULT_DEPTH, DEFAULT_MAX_PEAKS,
                DEFAULT_EWMA_ALPHA, DEFAULT_EWMA_K, DEFAULT_WINDOW, DEFAULT_QUANTILE, DEFAULT_MARGIN,
                DEFAULT_FLOOR_FACTOR);
    }

    public ThresholdConfig withKind(ThresholdKind value) {
        return new ThresholdConfig(value, risk, initialQuantile, depth, maxPeaks, ewmaAlpha, ewmaK, window, quantile,
                margin, floorFactor);
    }

    public ThresholdConfig withRisk(double value) {
        return new ThresholdConfig(kind, value, initialQuantile, depth, maxPeaks, ewmaAlpha, ewmaK, window, quantile,
                margin, floorFactor);
    }

    public ThresholdConfig withInitialQuantile(double value) {
        return new ThresholdConfig(kind, risk, value, depth, maxPeaks, ewmaAlpha, ewmaK, window, quantile, margin,
                floorFactor);
    }

    public ThresholdConfig withDepth(int value) {
        return new ThresholdConfig(kind, risk, initialQuantile, value, maxPeaks, ewmaAlpha, ewmaK, window, quantile,
                margin, floorFactor);
    }

    public ThresholdConfig withMaxPeaks(int value) {
        return new ThresholdConfig(kind, risk, initialQuantile, depth, value, ewmaAlpha, ewmaK, window, quantile,
                margin, floorFactor);
    }

    public ThresholdConfig withEwma(double alpha, double k) {
        return new ThresholdConfig(kind, risk, initialQuantile, depth, maxPeaks, alpha, k, window, quantile, margin,
                floorFactor);
    }

    public ThresholdConfig withQuantile(int windowSize, double q, double factor) {
        return new ThresholdConfig(kind, risk, initialQuantile, depth, maxPeaks, ewmaAlpha, ewmaK, windowSize, q,
                factor, floorFactor);
    }

    public ThresholdConfig withFloorFactor(double value) {
        return new ThresholdConfig(kind, risk, initialQuantile, depth, maxPeaks, ewmaAlpha, ewmaK, window, quantile,
                margin, value);
    }

    private static void check(String name, double value, boolean ok, String range) {
        if (!ok) {
            throw new LatentwatchException("threshold " + name + " must be in " + range + ", got " + value);
        }
    }

    private static void check(String name, int value, boolean ok, String range) {
        if (!ok) {
            throw new LatentwatchException("threshold " + name + " must be in " + range + ", got " + value);
        }
    }
}
