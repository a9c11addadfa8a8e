package io.latentwatch.nn;

import java.util.List;

/**
 * One differentiable step of a network over a batch of flat rows, the unit every autoencoder here is
 * built from.
 *
 * <p>Rows are flat {@code float[]} whatever the layer means by them (a convolution reads its row as
 * channels-first {@code [channels][length]}). {@link #forward} keeps its input by reference for
 * {@link #backward}, and both return buffers owned by the layer that the next call with the same batch
 * size overwrites, so a training loop allocates nothing per step. Layers are not thread-safe.
 */
public interface Layer {
    /** Width of an input row. */
    int inputSize();

    /** Width of an output row. */
    int outputSize();

    /** The layer's output for a batch; {@code x} must not change before the matching {@link #backward}. */
    float[][] forward(float[][] x);

    /**
     * Given dLoss/doutput of the last {@link #forward} batch, overwrites the parameter gradients and
     * returns dLoss/dinput.
     */
    float[][] backward(float[][] gradOutput);

    /**
     * As {@link #backward}, for a caller that does not need dLoss/dinput (the first layer with
     * parameters in a network): overwrites the parameter gradients, and may skip the input gradient.
     */
    default void backwardParameters(float[][] gradOutput) {
        backward(gradOutput);
    }

    /** Live parameter arrays with their gradients, empty for a layer without weights. */
    List<Parameter> parameters();
}
