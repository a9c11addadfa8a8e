package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;

/**
 * Mean squared error over every element of a batch, the reconstruction loss of the autoencoders.
 *
 * <p>The mean runs over rows and features alike, so the loss of a batch does not depend on its size
 * and the learning rate means the same for any batch size.
 */
public final class MseLoss {
    private MseLoss() {
    }

    /** The mean over all elements of {@code (prediction - target)^2}, accumulated in double. */
    public static double loss(float[][] prediction, float[][] target) {
        checkShapes(prediction, target);
        double sum = 0;
        long count = 0;
        for (int b = 0; b < prediction.length; b++) {
            float[] p = prediction[b];
            float[] t = target[b];
            for (int f = 0; f < p.length; f++) {
                double d = (double) p[f] - t[f];
                sum += d * d;
            }
            count += p.length;
        }
        return sum / count;
    }

    /**
     * Writes dLoss/dprediction, {@code 2 (prediction - target) / elements}, into {@code gradient}
     * (same shape as {@code prediction}), and returns the loss of the batch.
     */
    public static double lossAndGradient(float[][] prediction, float[][] target, float[][] gradient) {
        checkShapes(prediction, target);
        checkShapes(prediction, gradient);
        long count = (long) prediction.length * prediction[0].length;
        float scale = (float) (2.0 / count);
        double sum = 0;
        for (int b = 0; b < prediction.length; b++) {
            float[] p = prediction[b];
            float[] t = target[b];
            float[] g = gradient[b];
            for (int f = 0; f < p.length; f++) {
                float d = p[f] - t[f];
                sum += (double) d * d;
                g[f] = scale * d;
            }
        }
        return sum / count;
    }

    private static void checkShapes(float[][] a, float[][] b) {
        if (a.length == 0 || a.length != b.length) {
            throw new LatentwatchException("loss needs two non-empty batches of equal size, got " + a.length
                    + " and " + b.length + " rows");
        }
        for (int r = 0; r < a.length; r++) {
            if (a[r].length != b[r].length || a[r].length != a[0].length) {
                throw new LatentwatchException("row " + r + " has " + a[r].length + " and " + b[r].length
                        + " features, expected " + a[0].length + " in both");
            }
        }
    }
}
