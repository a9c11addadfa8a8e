package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A linear 1-D transposed convolution over channels-first rows, the decoder's way back up to the
 * window length; it computes what ONNX {@code ConvTranspose} does with {@code pads = [p, p]} and
 * {@code output_padding}.
 *
 * <p>Weights are flat {@code [inChannels][outChannels][kernel]}, the ONNX layout. Output length is
 * {@code (length - 1) * stride - 2 * padding + kernel + outputPadding}; output padding in
 * {@code [0, stride)} lets it undo a {@link Conv1d} whose division by the stride was not exact.
 */
public final class ConvTranspose1d implements Layer {
    private final int inChannels;
    private final int outChannels;
    private final int length;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int outputPadding;
    private final int outLength;
    private final float[] weights;
    private final float[] bias;
    private final float[] weightGrad;
    private final float[] biasGrad;
    /** W as row arrays {@code [inChannels][outChannels * kernel]}, and the weight gradient's scratch. */
    private final float[][] weightRows;
    private final float[][] gradScratch;
    private float[][] lastInput;
    private float[][] output;
    private float[][] gradInput;
    /** The input by channel {@code [inChannels][batch * length]}, the columns and their gradients. */
    private float[][] inputByChannel;
    private float[][] columns;
    private float[][] gradColumns;
    private float[][] gradByChannel;
    /** Batch-major copies for the weight gradient. */
    private float[][] inputByRow;
    private float[][] gradColumnsByRow;

    /** Creates a layer with zero bias and He or Glorot weights, chosen by the activation {@code next}. */
    public ConvTranspose1d(int inChannels, int outChannels, int length, int kernel, int stride, int padding,
            int outputPadding, Activation next, Random rng) {
        this.inChannels = Conv1d.positive("inChannels", inChannels);
        this.outChannels = Conv1d.positive("outChannels", outChannels);
        this.length = Conv1d.positive("length", length);
        this.kernel = Conv1d.positive("kernel", kernel);
        this.stride = Conv1d.positive("stride", stride);
        if (padding < 0 || padding >= kernel) {
            throw new LatentwatchException("padding must be in [0, kernel-1 = " + (kernel - 1) + "], got " + padding);
        }
        if (outputPadding < 0 || outputPadding >= stride) {
            throw new LatentwatchException("outputPadding must be in [0, stride-1 = " + (stride - 1) + "], got "
                    + outputPadding);
        }
        this.padding = padding;
        this.outputPadding = outputPadding;
        this.outLength = (length - 1) * stride - 2 * padding + kernel + outputPadding;
        if (outLength < 1) {
            throw new LatentwatchException("transposed convolution of length " + length + " gives output length "
                    + outLength + "; use less padding");
        }
        this.weights = new float[inChannels * outChannels * kernel];
        this.bias = new float[outChannels];
        this.weightGrad = new float[weights.length];
        this.biasGrad = new float[outChannels];
        this.weightRows = new float[inChannels][outChannels * kernel];
        this.gradScratch = Gemm.gradientScratch(inChannels, outChannels * kernel);
        // Each output sees about inChannels * kernel / stride inputs.
        double fanIn = Math.max(1.0, (double) inChannels * kernel / stride);
        boolean rectifier = next == Activation.RELU || next == Activation.LEAKY_RELU;
        double std = rectifier ? Math.sqrt(2.0 / fanIn) : Math.sqrt(2.0 / (fanIn + outChannels));
        for (int k = 0; k < weights.length; k++) {
            weights[k] = (float) (rng.nextGaussian() * std);
        }
    }

    @Override
    public float[][] forward(float[][] x) {
        Matrices.checkWidth(x, inputSize(), "convTranspose1d");
        int batch = x.length;
        int n = batch * length;
        int r = outChannels * kernel;
        // One matrix product gives every (output channel, tap) contribution of every input position;
        // col2im then adds them onto the output positions they reach.
        inputByChannel = Matrices.reuse(inputByChannel, inChannels, n);
        for (int b = 0; b < batch; b++) {
            for (int ci = 0; ci < inChannels; ci++) {
                System.arraycopy(x[b], ci * length, inputByChannel[ci], b * length, length);
            }
        }
        columns = Matrices.reuse(columns, r, n);
        Gemm.zero(columns, r, n);
        Gemm.toRows(weights, weightRows, inChannels, r);
        Gemm.transposedMultiplyAdd(weightRows, inputByChannel, columns, r, inChannels, n);
        output = Matrices.reuse(output, batch, outputSize());
        for (int b = 0; b < batch; b++) {
            for (int co = 0; co < outChannels; co++) {
                Arrays.fill(output[b], co * outLength, (co + 1) * outLength, bias[co]);
            }
        }
        for (int co = 0; co < outChannels; co++) {
            for (int j = 0; j < kernel; j++) {
                float[] col = columns[co * kernel + j];
                int lo = Conv1d.firstInside(j - padding, stride);
                int hi = Math.min(length, Conv1d.endInside(j - padding, stride, outLength));
                int offset = co * outLength + j - padding;
                for (int b = 0; b < batch; b++) {
                    float[] yb = output[b];
                    int base = b * length;
                    for (int i = lo; i < hi; i++) {
                        yb[offset + i * stride] += col[base + i];
                    }
                }
            }
        }
        lastInput = x;
        return output;
    }

    @Override
    public float[][] backward(float[][] gradOutput) {
        backwardParameters(gradOutput);
        int batch = gradOutput.length;
        int n = batch * length;
        int r = outChannels * kernel;
        gradByChannel = Matrices.reuse(gradByChannel, inChannels, n);
        Gemm.zero(gradByChannel, inChannels, n);
        Gemm.multiplyAdd(weightRows, gradColumns, gradByChannel, inChannels, r, n);
        gradInput = Matrices.reuse(gradInput, batch, inputSize());
        for (int b = 0; b < batch; b++) {
            for (int ci = 0; ci < inChannels; ci++) {
                System.arraycopy(gradByChannel[ci], b * length, gradInput[b], ci * length, length);
            }
        }
        return gradInput;
    }

    /** Overwrites the weight and bias gradients without computing dLoss/dx. */
    @Override
    public void backwardParameters(float[][] gradOutput) {
        if (lastInput == null || gradOutput.length != lastInput.length) {
            throw new IllegalStateException("backward needs a preceding forward with the same batch size");
        }
        int batch = gradOutput.length;
        int n = batch * length;
        int r = outChannels * kernel;
        Arrays.fill(biasGrad, 0f);
        for (int b = 0; b < batch; b++) {
            float[] gb = gradOutput[b];
            for (int co = 0; co < outChannels; co++) {
                for (int t = 0; t < outLength; t++) {
                    biasGrad[co] += gb[co * outLength + t];
                }
            }
        }
        // im2col of the output gradient: what each (output channel, tap) of each input position received.
        gradColumns = Matrices.reuse(gradColumns, r, n);
        for (int co = 0; co < outChannels; co++) {
            for (int j = 0; j < kernel; j++) {
                float[] col = gradColumns[co * kernel + j];
                int lo = Conv1d.firstInside(j - padding, stride);
                int hi = Math.min(length, Conv1d.endInside(j - padding, stride, outLength));
                int offset = co * outLength + j - padding;
                for (int b = 0; b < batch; b++) {
                    float[] gb = gradOutput[b];
                    int base = b * length;
                    for (int i = 0; i < lo; i++) {
                        col[base + i] = 0f;
                    }
                    for (int i = lo; i < hi; i++) {
                        col[base + i] = gb[offset + i * stride];
                    }
                    for (int i = Math.max(lo, hi); i < length; i++) {
                        col[base + i] = 0f;
                    }
                }
            }
        }
        // dW = inputT dcolumns, summed over the batch: both sides batch-major for a long inner loop.
        inputByRow = Matrices.reuse(inputByRow, n, inChannels);
        gradColumnsByRow = Matrices.reuse(gradColumnsByRow, n, r);
        Gemm.transpose(inputByChannel, inputByRow, inChannels, n);
        Gemm.transpose(gradColumns, gradColumnsByRow, r, n);
        Gemm.transposedProduct(inputByRow, gradColumnsByRow, inChannels, n, r, gradScratch, weightGrad);
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

    public int outputPadding() {
        return outputPadding;
    }

    /** A copy of the weights, {@code [inChannels][outChannels][kernel]}. */
    public float[] weights() {
        return weights.clone();
    }

    /** A copy of the bias. */
    public float[] bias() {
        return bias.clone();
    }
}
