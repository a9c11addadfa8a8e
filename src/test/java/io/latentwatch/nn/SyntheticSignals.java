package io.latentwatch.nn;

import java.util.Random;

/** Seeded multichannel test signals: correlated sinusoids with noise, cut into flattened windows. */
public final class SyntheticSignals {
    public static final int CHANNELS = 4;

    private SyntheticSignals() {
    }

    /** A {@code [steps][CHANNELS]} series: two periods mixed into four channels, plus N(0, noise²). */
    public static float[][] series(int steps, double noise, long seed) {
        Random rng = new Random(seed);
        float[][] s = new float[steps][CHANNELS];
        for (int t = 0; t < steps; t++) {
            double a = 2 * Math.PI * t / 37.0;
            double b = 2 * Math.PI * t / 91.0;
            double c0 = Math.sin(a);
            double c2 = Math.cos(b);
            s[t][0] = (float) (c0 + noise * rng.nextGaussian());
            s[t][1] = (float) (0.7 * Math.sin(a + 0.6) + 0.3 * Math.sin(b) + noise * rng.nextGaussian());
            s[t][2] = (float) (c2 + noise * rng.nextGaussian());
            s[t][3] = (float) (0.5 * c0 + 0.5 * c2 + noise * rng.nextGaussian());
        }
        return s;
    }

    /** Time-major windows (element {@code t * CHANNELS + c}) of {@code window} steps every {@code hop}. */
    public static float[][] windows(float[][] series, int window, int hop) {
        int count = (series.length - window) / hop + 1;
        float[][] w = new float[count][window * CHANNELS];
        for (int i = 0; i < count; i++) {
            for (int t = 0; t < window; t++) {
                System.arraycopy(series[i * hop + t], 0, w[i], t * CHANNELS, CHANNELS);
            }
        }
        return w;
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public static float[][] rows(float[][] m, int from, int to) {
        float[][] r = new float[to - from][];
        System.arraycopy(m, from, r, 0, r.length);
        return r;
    }
}
