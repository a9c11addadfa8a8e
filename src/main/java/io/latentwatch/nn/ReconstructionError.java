package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;

/**
 * Per-window anomaly scores from a reconstruction: what the exported ONNX graph computes as its
 * {@code score} and {@code channel_error} outputs, so trainer and detector agree on one definition.
 *
 * <p>Feature vectors are time-major (element {@code t * channels + c}), as
 * {@link io.latentwatch.features.FeatureSpec} builds them.
 */
public final class ReconstructionError {
    private ReconstructionError() {
    }

    /** Per row: the mean over all features of {@code (input - reconstruction)^2}. */
    public static float[] scores(float[][] input, float[][] reconstruction) {
        checkShapes(input, reconstruction);
        float[] scores = new float[input.length];
        for (int b = 0; b < input.length; b++) {
            double sum = 0;
            for (int f = 0; f < input[b].length; f++) {
                double d = (double) input[b][f] - reconstruction[b][f];
                sum += d * d;
            }
            scores[b] = (float) (sum / input[b].length);
        }
        return scores;
    }

    /**
     * Per row and channel {@code c}: the mean over the window's time steps {@code t} of the squared
     * error at element {@code t * channels + c}. The rows' mean over channels equals {@link #scores}.
     */
    public static float[][] channelErrors(float[][] input, float[][] reconstruction, int channels) {
        checkShapes(input, reconstruction);
        int features = input.length == 0 ? 0 : input[0].length;
        if (channels < 1 || features % channels != 0) {
            throw new LatentwatchException("channels must be >= 1 and divide the " + features
                    + " features of a window, got " + channels);
        }
        int window = features / channels;
        float[][] errors = new float[input.length][channels];
        double[] sums = new double[channels];
        for (int b = 0; b < input.length; b++) {
            Arrays.fill(sums, 0);
            for (int t = 0; t < window; t++) {
                for (int c = 0; c < channels; c++) {
                    int k = t * channels + c;
                    double d = (double) input[b][k] - reconstruction[b][k];
                    sums[c] += d * d;
                }
            }
            for (int c = 0; c < channels; c++) {
                errors[b][c] = (float) (sums[c] / window);
            }
        }
        return errors;
    }

    private static void checkShapes(float[][] input, float[][] reconstruction) {
        if (input.length != reconstruction.length) {
            throw new LatentwatchException("input has " + input.length + " rows but reconstruction has "
                    + reconstruction.length);
        }
        for (int b = 0; b < input.length; b++) {
            if (input[b].length != reconstruction[b].length || input[b].length != input[0].length) {
                throw new LatentwatchException("row " + b + " has " + input[b].length + " input and "
                        + reconstruction[b].length + " reconstructed features, expected " + input[0].length);
            }
        }
    }
}
