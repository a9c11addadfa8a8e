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
    /** W as row arrays {@code [outChannels][inChannels * kernel]}, and the weight gradient's scratch. */
    private final float[][] weightRows;
    private final float[][] gradScratch;
    private float[][] lastInput;
    private float[][] output;
    private float[][] gradInput;
    /** im2col {@code [inChannels * kernel][batch * outLength]}, the product and their gradients. */
    private float[][] columns;
    private float[][] product;
    private float[][] gradProduct;
    private float[][] gradColumns;
    /** Batch-major copies for the weight gradient. */
    private float[][] gradRowsByColumn;
    private float[][] columnsByRow;

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
        this.weightRows = new float[outChannels][inChannels * kernel];
        this.gradScratch = Gemm.gradientScratch(outChannels, inChannels * kernel);
        int fanIn = inChannels * kernel;
        boolean rectifier = next == Activation.RELU || next == Activation.LEAKY_RELU;
        double std = rectifier ? Math.sqrt(2.0 / fanIn) : Math.sqrt(2.0 / (fanIn + outChannels * kernel));
        for (int k = 0; k < weights.length; k++) {
            weights[k] = (float) (rng.nextGaussian() * std);
        }
    }

    /** The first {@code o >= 0} with {@code o * stride + shift >= 0}. */
    static int firstInside(int shift, int stride) {
        return Math.max(0, -Math.floorDiv(shift, stride));
    }

    /** One past the last {@code o} with {@code o * stride + shift < limit} (at most where it ends; may be below 0). */
    static int endInside(int shift, int stride, int limit) {
        return Math.floorDiv(limit - 1 - shift, stride) + 1;
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
        int batch = x.length;
        int n = batch * outLength;
        int r = inChannels * kernel;
        output = Matrices.reuse(output, batch, outputSize());
        // im2col, one column per (row, output position): the convolution becomes one matrix product
        // with a long inner loop over the batch.
        columns = Matrices.reuse(columns, r, n);
        for (int ci = 0; ci < inChannels; ci++) {
            for (int j = 0; j < kernel; j++) {
                float[] col = columns[ci * kernel + j];
                int lo = firstInside(j - padding, stride);
                int hi = Math.min(outLength, endInside(j - padding, stride, length));
                int offset = ci * length + j - padding;
                for (int b = 0; b < batch; b++) {
                    float[] xb = x[b];
                    int base = b * outLength;
                    for (int o = 0; o < lo; o++) {
                        col[base + o] = 0f;
                    }
                    for (int o = lo; o < hi; o++) {
                        col[base + o] = xb[offset + o * stride];
                    }
                    for (int o = Math.max(lo, hi); o < outLength; o++) {
                        col[base + o] = 0f;
                    }
                }
            }
        }
        product = Matrices.reuse(product, outChannels, n);
        for (int co = 0; co < outChannels; co++) {
            Arrays.fill(product[co], bias[co]);
        }
        Gemm.toRows(weights, weightRows, outChannels, r);
        Gemm.multiplyAdd(weightRows, columns, product, outChannels, r, n);
        for (int b = 0; b < batch; b++) {
            for (int co = 0; co < outChannels; co++) {
                System.arraycopy(product[co], b * outLength, output[b], co * outLength, outLength);
            }
        }
        lastInput = x;
        return output;
    }

    @Override
    public float[][] backward(float[][] gradOutput) {
        backwardParameters(gradOutput);
        int batch = gradOutput.length;
        int n = batch * outLength;
        int r = inChannels * kernel;
        // dcolumns = Wt gradOutput, then col2im adds every column back onto the input positions it read.
        gradColumns = Matrices.reuse(gradColumns, r, n);
        Gemm.zero(gradColumns, r, n);
        Gemm.transposedMultiplyAdd(weightRows, gradProduct, gradColumns, r, outChannels, n);
        gradInput = Matrices.reuse(gradInput, batch, inputSize());
        Gemm.zero(gradInput, batch, inputSize());
        for (int ci = 0; ci < inChannels; ci++) {
            for (int j = 0; j < kernel; j++) {
                float[] col = gradColumns[ci * kernel + j];
                int lo = firstInside(j - padding, stride);
                int hi = Math.min(outLength, endInside(j - padding, stride, length));
                int offset = ci * length + j - padding;
                for (int b = 0; b < batch; b++) {
                    float[] gi = gradInput[b];
                    int base = b * outLength;
                    for (int o = lo; o < hi; o++) {
                        gi[offset + o * stride] += col[base + o];
                    }
                }
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
        int n = batch * outLength;
        int r = inChannels * kernel;
        gradProduct = Matrices.reuse(gradProduct, outChannels, n);
        for (int b = 0; b < batch; b++) {
            for (int co = 0; co < outChannels; co++) {
                System.arraycopy(gradOutput[b], co * outLength, gradProduct[co], b * outLength, outLength);
            }
        }
        for (int co = 0; co < outChannels; co++) {
            float sum = 0f;
            float[] g = gradProduct[co];
            for (int k = 0; k < n; k++) {
                sum += g[k];
            }
            biasGrad[co] = sum;
        }
        // dW = dProduct columnsT, summed over the batch: both sides batch-major for a long inner loop.
        gradRowsByColumn = Matrices.reuse(gradRowsByColumn, n, outChannels);
        columnsByRow = Matrices.reuse(columnsByRow, n, r);
        Gemm.transpose(gradProduct, gradRowsByColumn, outChannels, n);
        Gemm.transpose(columns, columnsByRow, r, n);
        Gemm.transposedProduct(gradRowsByColumn, columnsByRow, outChannels, n, r, gradScratch, weightGrad);
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
