package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A fully connected layer {@code y = activation(x W + b)} over a batch of rows, with the backward pass
 * a trainer needs.
 *
 * <p>Weights are stored flat and row-major as {@code [in][out]}: element {@code i * out + j} connects
 * input {@code i} to output {@code j}, which is the layout ONNX {@code Gemm(x, W, b)} expects. The
 * matrices returned by {@link #forward} and {@link #backward} are buffers owned by the layer and reused
 * for the next call with the same batch size, so that a training loop allocates nothing per step;
 * copy them if you keep them. A layer is not thread-safe.
 */
public final class Dense implements Layer {
    /** Largest accepted layer width; far above any sensor window, low enough to catch typos. */
    public static final int MAX_UNITS = 1 << 20;

    private final int in;
    private final int out;
    private final Activation activation;
    private final float[] weights;
    private final float[] bias;
    private final float[] weightGrad;
    private final float[] biasGrad;
    /** Buffers per batch size: training uses the batch size and one remainder, so this stays tiny. */
    private static final int MAX_WORKSPACES = 4;
    private final Map<Integer, Workspace> workspaces = new HashMap<>();
    /** W as row arrays {@code [in][out]}, its transpose {@code [out][in]}, and dW along the longer side. */
    private final float[][] weightRows;
    private final float[][] transposedRows;
    private final float[][] gradRows;
    private float[][] lastInput;
    private Workspace last;

    /**
     * Creates a layer with random weights and zero bias: He initialisation for ReLU (keeps activation
     * variance constant through rectifiers), Glorot for the others.
     */
    public Dense(int in, int out, Activation activation, Random rng) {
        this(in, out, activation, initialWeights(in, out, activation, rng), new float[checkSize("out", out)]);
    }

    /** Creates a layer from given weights ({@code [in][out]} row-major) and bias; both are copied. */
    public Dense(int in, int out, Activation activation, float[] weights, float[] bias) {
        this.in = checkSize("in", in);
        this.out = checkSize("out", out);
        if (activation == null) {
            throw new LatentwatchException("activation must be one of " + Arrays.toString(Activation.values())
                    + ", got null");
        }
        if (weights.length != (long) in * out) {
            throw new LatentwatchException("weights have " + weights.length + " elements, expected in*out = "
                    + in + "*" + out + " = " + (long) in * out);
        }
        if (bias.length != out) {
            throw new LatentwatchException("bias has " + bias.length + " elements, expected out = " + out);
        }
        this.activation = activation;
        this.weights = weights.clone();
        this.bias = bias.clone();
        this.weightGrad = new float[weights.length];
        this.biasGrad = new float[out];
        this.weightRows = new float[in][out];
        this.transposedRows = new float[out][in];
        this.gradRows = Gemm.gradientScratch(in, out);
    }

    private static int checkSize(String name, int size) {
        if (size < 1 || size > MAX_UNITS) {
            throw new LatentwatchException("layer " + name + " size must be in [1, " + MAX_UNITS + "], got " + size);
        }
        return size;
    }

    /**
     * He (rectifiers) or Glorot (others) initial weights for a layer followed by {@code activation},
     * {@code [in][out]} row-major, drawn from {@code rng}.
     */
    static float[] initialWeights(int in, int out, Activation activation, Random rng) {
        checkSize("in", in);
        checkSize("out", out);
        double std = activation == Activation.RELU || activation == Activation.LEAKY_RELU ? Math.sqrt(2.0 / in) : Math.sqrt(2.0 / (in + out));
        float[] w = new float[in * out];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (rng.nextGaussian() * std);
        }
        return w;
    }

    /**
     * Computes the activations of a batch; the result is the layer's buffer (see class comment).
     * {@code x} is kept by reference for {@link #backward}, so it must not change in between.
     */
    @Override
    public float[][] forward(float[][] x) {
        Workspace ws = workspace(x.length);
        for (int b = 0; b < x.length; b++) {
            if (x[b].length != in) {
                throw new LatentwatchException("row " + b + " has " + x[b].length + " features, expected " + in);
            }
        }
        float[][] y = ws.output;
        // Row arrays of W, refreshed per call because the optimiser updates the flat weights in place.
        Gemm.toRows(weights, weightRows, in, out);
        for (int b = 0; b < x.length; b++) {
            System.arraycopy(bias, 0, y[b], 0, out);
        }
        Gemm.multiplyAdd(x, weightRows, y, x.length, in, out);
        if (activation == Activation.RELU) {
            for (float[] yb : y) {
                Activation.reluForward(yb, yb, out);
            }
        } else if (activation != Activation.IDENTITY) {
            for (float[] yb : y) {
                for (int j = 0; j < out; j++) {
                    yb[j] = activation.apply(yb[j]);
                }
            }
        }
        lastInput = x;
        last = ws;
        return y;
    }

    /**
     * Back-propagates {@code gradOutput} (dLoss/dy of the last {@link #forward} batch): overwrites the
     * weight and bias gradients and returns dLoss/dx as the layer's buffer.
     */
    @Override
    public float[][] backward(float[][] gradOutput) {
        backwardParameters(gradOutput);
        float[][] delta = last.delta;
        float[][] gradIn = last.gradInput;
        Gemm.toTransposedRows(weights, transposedRows, in, out);
        Gemm.zero(gradIn, gradIn.length, in);
        Gemm.multiplyAdd(delta, transposedRows, gradIn, gradIn.length, out, in);
        return gradIn;
    }

    /** Overwrites the weight and bias gradients without computing dLoss/dx. */
    @Override
    public void backwardParameters(float[][] gradOutput) {
        if (last == null || gradOutput.length != lastInput.length) {
            throw new IllegalStateException("backward needs a preceding forward with the same batch size");
        }
        float[][] x = lastInput;
        float[][] y = last.output;
        float[][] delta = last.delta;
        Arrays.fill(biasGrad, 0f);
        for (int b = 0; b < x.length; b++) {
            float[] db = delta[b];
            float[] gb = gradOutput[b];
            float[] yb = y[b];
            if (activation == Activation.RELU) {
                Activation.reluBackward(yb, gb, db, out);
            } else {
                for (int j = 0; j < out; j++) {
                    db[j] = gb[j] * activation.derivativeFromOutput(yb[j]);
                }
            }
            for (int j = 0; j < out; j++) {
                biasGrad[j] += db[j];
            }
        }
        Gemm.transposedProduct(x, delta, in, x.length, out, gradRows, weightGrad);
    }

    private Workspace workspace(int batch) {
        if (batch < 1) {
            throw new LatentwatchException("batch must have at least 1 row, got " + batch);
        }
        if (!workspaces.containsKey(batch) && workspaces.size() >= MAX_WORKSPACES) {
            // Callers with ever-changing batch sizes would otherwise keep every buffer alive.
            workspaces.clear();
        }
        return workspaces.computeIfAbsent(batch, n -> new Workspace(n, in, out));
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter(weights, weightGrad, true), new Parameter(bias, biasGrad, false));
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    public Activation activation() {
        return activation;
    }

    /** A copy of the weights, {@code [in][out]} row-major. */
    public float[] weights() {
        return weights.clone();
    }

    /** A copy of the bias. */
    public float[] bias() {
        return bias.clone();
    }

    /** Live weights, for the optimiser and for gradient checks in this package only. */
    float[] weightsLive() {
        return weights;
    }

    float[] biasLive() {
        return bias;
    }

    float[] weightGradient() {
        return weightGrad;
    }

    float[] biasGradient() {
        return biasGrad;
    }

    /** Per-batch-size buffers, so the hot loop allocates nothing. */
    private static final class Workspace {
        final float[][] output;
        final float[][] delta;
        final float[][] gradInput;

        Workspace(int batch, int in, int out) {
            output = new float[batch][out];
            delta = new float[batch][out];
            gradInput = new float[batch][in];
        }
    }
}
