package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;
import java.util.Random;

/**
 * How a denoising autoencoder corrupts its training input: each element is masked (set to 0, the
 * training mean after normalisation) with probability {@code maskProb}, otherwise gets Gaussian noise of
 * standard deviation {@code noiseStd}. The target stays the clean window; inference sees clean input.
 *
 * @param noiseStd standard deviation of the additive noise, in [0, 10]
 * @param maskProb probability of masking an element, in [0, 1)
 */
public record Corruption(double noiseStd, double maskProb) {
    /** No corruption: a plain autoencoder. */
    public static final Corruption NONE = new Corruption(0, 0);

    public Corruption {
        if (!(noiseStd >= 0 && noiseStd <= 10)) {
            throw new LatentwatchException("noise std must be in [0, 10], got " + noiseStd);
        }
        if (!(maskProb >= 0 && maskProb < 1)) {
            throw new LatentwatchException("mask probability must be in [0, 1), got " + maskProb);
        }
    }

    /** Whether this corrupts anything. */
    public boolean active() {
        return noiseStd > 0 || maskProb > 0;
    }

    /**
     * Writes a corrupted copy of {@code clean} into {@code out} (same shape), drawing from {@code rng} in a
     * fixed order (row by row, element by element), so equal seeds give equal corruption.
     */
    public void apply(float[][] clean, Random rng, float[][] out) {
        for (int b = 0; b < clean.length; b++) {
            float[] x = clean[b];
            float[] y = out[b];
            for (int f = 0; f < x.length; f++) {
                if (maskProb > 0 && rng.nextDouble() < maskProb) {
                    y[f] = 0f;
                } else {
                    y[f] = noiseStd > 0 ? (float) (x[f] + noiseStd * rng.nextGaussian()) : x[f];
                }
            }
        }
    }
}
