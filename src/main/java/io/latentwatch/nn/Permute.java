package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;
import java.util.List;

/**
 * Reorders a window between the time-major layout features use ({@code t * channels + c}) and the
 * channels-first layout convolutions read ({@code c * steps + t}); it has no parameters.
 */
public final class Permute implements Layer {
    private final int steps;
    private final int channels;
    private final boolean toChannelsFirst;
    private float[][] output;
    private float[][] gradInput;

    /**
     * @param steps time steps per window, at least 1
     * @param channels channels per step, at least 1
     * @param toChannelsFirst true for time-major to channels-first, false for the way back
     */
    public Permute(int steps, int channels, boolean toChannelsFirst) {
        if (steps < 1 || channels < 1 || (long) steps * channels > Dense.MAX_UNITS) {
            throw new LatentwatchException("permute needs steps >= 1 and channels >= 1 with steps*channels <= "
                    + Dense.MAX_UNITS + ", got steps=" + steps + " channels=" + channels);
        }
        this.steps = steps;
        this.channels = channels;
        this.toChannelsFirst = toChannelsFirst;
    }

    public int steps() {
        return steps;
    }

    public int channels() {
        return channels;
    }

    public boolean toChannelsFirst() {
        return toChannelsFirst;
    }

    @Override
    public int inputSize() {
        return steps * channels;
    }

    @Override
    public int outputSize() {
        return steps * channels;
    }

    @Override
    public float[][] forward(float[][] x) {
        Matrices.checkWidth(x, steps * channels, "permute");
        output = Matrices.reuse(output, x.length, steps * channels);
        for (int b = 0; b < x.length; b++) {
            permute(x[b], output[b], toChannelsFirst);
        }
        return output;
    }

    @Override
    public float[][] backward(float[][] gradOutput) {
        gradInput = Matrices.reuse(gradInput, gradOutput.length, steps * channels);
        for (int b = 0; b < gradOutput.length; b++) {
            permute(gradOutput[b], gradInput[b], !toChannelsFirst);
        }
        return gradInput;
    }

    private void permute(float[] from, float[] to, boolean channelsFirst) {
        for (int t = 0; t < steps; t++) {
            for (int c = 0; c < channels; c++) {
                if (channelsFirst) {
                    to[c * steps + t] = from[t * channels + c];
                } else {
                    to[t * channels + c] = from[c * steps + t];
                }
            }
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }
}
