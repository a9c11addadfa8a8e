package io.latentwatch.onnx;

/**
 * The scorer's output for a batch of windows.
 *
 * @param score per window: mean squared reconstruction error over the normalised window
 * @param channelError per window and channel: mean squared error of that channel over the window's steps
 */
public record Scores(float[] score, float[][] channelError) {
    public int size() {
        return score.length;
    }
}
