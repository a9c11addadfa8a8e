package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A linear 1-D convolution over channels-first rows ({@code [inChannels][length]}), with zero padding
 * on both ends and a stride, exactly as ONNX {@code Conv} with {@code pads = [p, p]} computes it.
 *
 * <p>Weights are flat {@code [outChannels][inChannels][kernel]}, the ONNX layout. Output length is
 * {@code floor((length + 2 * padding - kernel) / stride) + 1}. Follow it with an
 * {@link ActivationLayer} for a nonlinearity.
 */
public final class Conv1d implements Layer {
    private final int inChannels;
    private final int outChannels;
    private final int length;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int outLength;
    private final float[] weights;
    private final float[] bias;
    private final float[] weightGrad;
    private final float[] biasGrad;
    private float[][] lastInput;
    private float[][] output;
    private float[][] gradInput;

    /**
     * Creates a layer with zero bias and weights drawn from {@code rng}: He scaling when {@code next}
     * (the activation that follows) is a rectifier, Glorot otherwise.
     */
    public Conv1d(int inChannels, int outChannels, int length, int kernel, int stride, int padding, Activation next,
            Random rng) {
        this.inChannels = positive("inChannels", inChannels);
        this.outChannels = positive("outChannels", outChannels);
        this.length = positive("length", length);
        this.kernel = positive("kernel", kernel);
        this.stride = positive("stride", stride);
        if (padding < 0 || padding >= kernel) {
            throw new LatentwatchException("padding must be in [0, kernel-1 = " + (kernel - 1) + "], got " + padding);
        }
        this.padding = padding;
        if (length + 2 * padding < kernel) {
            throw new LatentwatchException("kernel " + kernel + " is longer than the padded input " + length + " + 2*"
                    + padding + "; use a smaller kernel or a longer window");
        }
        this.outLength = (length + 2 * padding - kernel) / stride + 1;
        this.weights = new float[outChannels * inChannels * kernel];
        this.bias = new float[outChannels];
        this.weightGrad = new float[weights.length];
        this.biasGrad = new float[outChannels];
        int fanIn = inChannels * kernel;
        boolean rectifier = next == Activation.RELU || next == Activation.LEAKY_RELU;
        double std = rectifier ? Math.sqrt(2.0 / fanIn) : Math.sqrt(2.0 / (fanIn + outChannels * kernel));
        for (int k = 0; k < weights.length; k++) {
            weights[k] = (float) (rng.nextGaussian() * std);
        }
    }

    static int positive(String name, int value) {
        if (value < 1 || value > Dense.MAX_UNITS) {
            throw new LatentwatchException(name + " must be in [1, " + Dense.MAX_UNITS + "], got " + value);
        }
        return value;
    }

    @Override
    public float[][] forward(float[][] x) {
        Matrices.checkWidth(x, inputSize(), "conv1d");
        output = Matrices.reuse(output, x.length, outputSize());
        for (int b = 0; b < x.length; b++) {
            float[] xb = x[b];
            float[] yb = output[b];
            for (int co = 0; co < outChannels; co++) {
                int yBase = co * outLength;
                Arrays.fill(yb, yBase, yBase + outLength, bias[co]);
                for (int ci = 0; ci < inChannels; ci++) {
                    int xBase = ci * length;
                    int wBase = (co * inChannels + ci) * kernel;
                    for (int j = 0; j < kernel; j++) {
                        float w = weights[wBase + j];
                        for (int o = 0; o < outLength; o++) {
                            int t = o * stride + j - padding;
                            if (t >= 0 && t < length) {
                                yb[yBase + o] += w * xb[xBase + t];
                            }
                        }
                    }
                }
            }
        }
        lastInput = x;
        return output;
    }

    @Override
    public float[][] backward(float[][] gradOutput) {
        if (lastInput == null || gradOutput.length != lastInput.length) {
            throw new IllegalStateException("backward needs a preceding forward with the same batch size");
        }
        gradInput = Matrices.reuse(gradInput, gradOutput.length, inputSize());
        Arrays.fill(weightGrad, 0f);
        Arrays.fill(biasGrad, 0f);
        for (int b = 0; b < gradOutput.length; b++) {
            float[] xb = lastInput[b];
            float[] gb = gradOutput[b];
            float[] gi = gradInput[b];
            Arrays.fill(gi, 0f);
            for (int co = 0; co < outChannels; co++) {
                int yBase = co * outLength;
                for (int o = 0; o < outLength; o++) {
                    biasGrad[co] += gb[yBase + o];
                }
                for (int ci = 0; ci < inChannels; ci++) {
                    int xBase = ci * length;
                    int wBase = (co * inChannels + ci) * kernel;
                    for (int j = 0; j < kernel; j++) {
                        float w = weights[wBase + j];
                        float sum = 0f;
                        for (int o = 0; o < outLength; o++) {
                            int t = o * stride + j - padding;
                            if (t >= 0 && t < length) {
                                float g = gb[yBase + o];
                                sum += g * xb[xBase + t];
                                gi[xBase + t] += g * w;
                            }
                        }
                        weightGrad[wBase + j] += sum;
                    }
                }
            }
        }
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter(weights, weightGrad, true), new Parameter(bias, biasGrad, false));
    }

    @Override
    public int inputSize() {
        return inChannels * length;
    }

    @Override
    public int outputSize() {
        return outChannels * outLength;
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    /** Input length per channel. */
    public int length() {
        return length;
    }

    /** Output length per channel. */
    public int outLength() {
        return outLength;
    }

    public int kernel() {
        return kernel;
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return padding;
    }

    /** A copy of the weights, {@code [outChannels][inChannels][kernel]}. */
    public float[] weights() {
        return weights.clone();
    }

    /** A copy of the bias. */
    public float[] bias() {
        return bias.clone();
    }
}
