package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;
import java.util.List;

/**
 * An element-wise nonlinearity as a layer of its own, so that linear layers (dense or convolutional)
 * can be followed by any {@link Activation}, including a leaky ReLU with a configurable slope.
 */
public final class ActivationLayer implements Layer {
    private final int width;
    private final Activation activation;
    private final float slope;
    private float[][] output;
    private float[][] gradInput;
    private boolean ready;

    /**
     * @param width elements per row, at least 1
     * @param activation the nonlinearity
     * @param slope negative-side slope for {@link Activation#LEAKY_RELU}, in (0, 1); ignored by the others
     */
    public ActivationLayer(int width, Activation activation, float slope) {
        if (width < 1 || width > Dense.MAX_UNITS) {
            throw new LatentwatchException("activation width must be in [1, " + Dense.MAX_UNITS + "], got " + width);
        }
        if (activation == null) {
            throw new LatentwatchException("activation must be one of " + Arrays.toString(Activation.values())
                    + ", got null");
        }
        if (!(slope > 0f && slope < 1f)) {
            throw new LatentwatchException("leaky slope must be in (0, 1), got " + slope);
        }
        this.width = width;
        this.activation = activation;
        this.slope = slope;
    }

    public Activation activation() {
        return activation;
    }

    /** The negative-side slope (meaningful for {@link Activation#LEAKY_RELU} only). */
    public float slope() {
        return slope;
    }

    @Override
    public int inputSize() {
        return width;
    }

    @Override
    public int outputSize() {
        return width;
    }

    @Override
    public float[][] forward(float[][] x) {
        Matrices.checkWidth(x, width, "activation");
        output = Matrices.reuse(output, x.length, width);
        for (int b = 0; b < x.length; b++) {
            float[] xb = x[b];
            float[] yb = output[b];
            if (activation == Activation.RELU) {
                Activation.reluForward(xb, yb, width);
            } else {
                for (int k = 0; k < width; k++) {
                    yb[k] = activation.apply(xb[k], slope);
                }
            }
        }
        ready = true;
        return output;
    }

    @Override
    public float[][] backward(float[][] gradOutput) {
        if (!ready || gradOutput.length != output.length) {
            throw new IllegalStateException("backward needs a preceding forward with the same batch size");
        }
        gradInput = Matrices.reuse(gradInput, gradOutput.length, width);
        for (int b = 0; b < gradOutput.length; b++) {
            float[] yb = output[b];
            float[] gb = gradOutput[b];
            float[] gi = gradInput[b];
            if (activation == Activation.RELU) {
                Activation.reluBackward(yb, gb, gi, width);
            } else {
                for (int k = 0; k < width; k++) {
                    gi[k] = gb[k] * activation.derivativeFromOutput(yb[k], slope);
                }
            }
        }
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }
}
