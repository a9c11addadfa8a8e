package io.latentwatch.onnx;

/**
 * The scorer's output for a batch of windows.
 *
 * @param score per window: mean squared reconstruction error over the normalised window
 * @param channelError per window and channel: mean squared error of that channel over the window's steps
 * @param reconstruction per window: the normalised reconstruction, or null when not asked for
 * @param latent per window: the latent vector, or null when not asked for
 */
public record Scores(float[] score, float[][] channelError, float[][] reconstruction, float[][] latent) {
    public int size() {
        return score.length;
    }
}
