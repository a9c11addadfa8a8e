package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;

/**
 * Binary cross-entropy between predicted probabilities and targets in [0, 1], the reconstruction loss
 * for data scaled to the unit interval behind a sigmoid output.
 *
 * <p>The mean runs over every element, as in {@link MseLoss}; predictions are clamped to
 * {@code [EPS, 1 - EPS]} so that a saturated sigmoid gives a large but finite loss.
 */
public final class BceLoss {
    /** Smallest distance of a prediction from 0 or 1. */
    public static final float EPS = 1e-6f;

    private BceLoss() {
    }

    /** The mean of {@code -(t log p + (1 - t) log(1 - p))}, accumulated in double. */
    public static double loss(float[][] prediction, float[][] target) {
        return lossAndGradient(prediction, target, null);
    }

    /**
     * Writes dLoss/dprediction into {@code gradient} (same shape; null to skip) and returns the loss.
     */
    public static double lossAndGradient(float[][] prediction, float[][] target, float[][] gradient) {
        if (prediction.length == 0 || prediction.length != target.length) {
            throw new LatentwatchException("loss needs two non-empty batches of equal size, got " + prediction.length
                    + " and " + target.length + " rows");
        }
        long count = (long) prediction.length * prediction[0].length;
        double sum = 0;
        for (int b = 0; b < prediction.length; b++) {
            float[] p = prediction[b];
            float[] t = target[b];
            if (p.length != t.length || p.length != prediction[0].length) {
                throw new LatentwatchException("row " + b + " has " + p.length + " and " + t.length
                        + " features, expected " + prediction[0].length + " in both");
            }
            for (int f = 0; f < p.length; f++) {
                if (!(t[f] >= 0f && t[f] <= 1f)) {
                    throw new LatentwatchException("BCE target row " + b + " feature " + f + " is " + t[f]
                            + ", expected a value in [0, 1]");
                }
                double pc = Math.min(1 - EPS, Math.max(EPS, p[f]));
                sum -= t[f] * Math.log(pc) + (1 - t[f]) * Math.log(1 - pc);
                if (gradient != null) {
                    gradient[b][f] = (float) ((pc - t[f]) / (pc * (1 - pc)) / count);
                }
            }
        }
        return sum / count;
    }
}
