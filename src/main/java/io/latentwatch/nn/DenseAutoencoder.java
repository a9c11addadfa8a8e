package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A fully connected autoencoder for flattened windows: input → hidden (ReLU)... → latent (linear) →
 * mirrored hidden (ReLU)... → reconstruction (linear).
 *
 * <p>The latent and output layers are linear because features are normalised to any real value and
 * the code should not be clipped. An instance is mutable (the trainer updates its weights) and not
 * thread-safe; the detector scores with the exported ONNX graph, not with this class.
 */
public final class DenseAutoencoder {
    /** Rows per forward pass in {@link #reconstruct} and {@link #encode}, to bound buffer memory. */
    private static final int CHUNK = 256;

    private final DenseAutoencoderConfig config;
    private final List<Dense> layers;

    /** Creates a model with He/Glorot initial weights drawn from {@code new Random(seed)}. */
    public DenseAutoencoder(DenseAutoencoderConfig config, long seed) {
        this(config, initialLayers(config, new Random(seed)));
    }

    /**
     * Creates a model from existing layers (e.g. restored from a file); they must chain with the
     * widths of {@link DenseAutoencoderConfig#layerWidths()} and use ReLU inside, identity for the latent
     * and output layers. The layers are used, not copied.
     */
    public DenseAutoencoder(DenseAutoencoderConfig config, List<Dense> layers) {
        if (config == null) {
            throw new LatentwatchException("an autoencoder needs a config, got null");
        }
        int[] widths = config.layerWidths();
        if (layers.size() != widths.length - 1) {
            throw new LatentwatchException("config " + config + " needs " + (widths.length - 1) + " layers, got "
                    + layers.size());
        }
        for (int l = 0; l < layers.size(); l++) {
            Dense d = layers.get(l);
            Activation expected = activationOf(config, l);
            if (d.inputSize() != widths[l] || d.outputSize() != widths[l + 1] || d.activation() != expected) {
                throw new LatentwatchException("layer " + l + " is " + d.inputSize() + "->" + d.outputSize() + " "
                        + d.activation() + ", expected " + widths[l] + "->" + widths[l + 1] + " " + expected);
            }
        }
        this.config = config;
        this.layers = List.copyOf(layers);
    }

    private static List<Dense> initialLayers(DenseAutoencoderConfig config, Random rng) {
        if (config == null) {
            throw new LatentwatchException("an autoencoder needs a config, got null");
        }
        int[] widths = config.layerWidths();
        List<Dense> layers = new ArrayList<>();
        for (int l = 0; l < widths.length - 1; l++) {
            layers.add(new Dense(widths[l], widths[l + 1], activationOf(config, l), rng));
        }
        return layers;
    }

    private static Activation activationOf(DenseAutoencoderConfig config, int layer) {
        int latentLayer = config.hidden().length;
        int outputLayer = 2 * latentLayer + 1;
        return layer == latentLayer || layer == outputLayer ? Activation.IDENTITY : Activation.RELU;
    }

    public DenseAutoencoderConfig config() {
        return config;
    }

    /** All layers, encoder first; the first {@link #encoderLayerCount()} of them produce the latent code. */
    public List<Dense> layers() {
        return layers;
    }

    /** Number of layers from the input to the latent code, inclusive. */
    public int encoderLayerCount() {
        return config.hidden().length + 1;
    }

    /** The reconstruction of every row of {@code x}, as a new matrix. */
    public float[][] reconstruct(float[][] x) {
        return chunked(x, layers.size());
    }

    /** The latent code of every row of {@code x}, as a new matrix. */
    public float[][] encode(float[][] x) {
        return chunked(x, encoderLayerCount());
    }

    /** Per-row anomaly score: mean squared reconstruction error, see {@link ReconstructionError#scores}. */
    public float[] score(float[][] x) {
        return ReconstructionError.scores(x, reconstruct(x));
    }

    /** Per-row, per-channel reconstruction error, see {@link ReconstructionError#channelErrors}. */
    public float[][] channelError(float[][] x, int channels) {
        return ReconstructionError.channelErrors(x, reconstruct(x), channels);
    }

    private float[][] chunked(float[][] x, int depth) {
        checkInput(x);
        int width = layers.get(depth - 1).outputSize();
        float[][] result = new float[x.length][];
        for (int start = 0; start < x.length; start += CHUNK) {
            int n = Math.min(CHUNK, x.length - start);
            float[][] chunk = new float[n][];
            System.arraycopy(x, start, chunk, 0, n);
            float[][] h = chunk;
            for (int l = 0; l < depth; l++) {
                h = layers.get(l).forward(h);
            }
            for (int r = 0; r < n; r++) {
                result[start + r] = Arrays.copyOf(h[r], width);
            }
        }
        return result;
    }

    /** Full forward pass for training; returns the last layer's buffer. */
    float[][] forward(float[][] x) {
        float[][] h = x;
        for (Dense layer : layers) {
            h = layer.forward(h);
        }
        return h;
    }

    /** Back-propagates dLoss/dreconstruction through every layer, filling their gradients. */
    float[][] backward(float[][] gradOutput) {
        float[][] g = gradOutput;
        for (int l = layers.size() - 1; l >= 0; l--) {
            g = layers.get(l).backward(g);
        }
        return g;
    }

    /**
     * As {@link #backward} for training, where dLoss/dinput is not needed: the first layer skips its
     * input gradient.
     */
    void backwardParameters(float[][] gradOutput) {
        float[][] g = gradOutput;
        for (int l = layers.size() - 1; l > 0; l--) {
            g = layers.get(l).backward(g);
        }
        layers.get(0).backwardParameters(g);
    }

    /** Every weight and bias with its gradient, for the optimiser. */
    List<Parameter> parameters() {
        List<Parameter> params = new ArrayList<>();
        for (Dense layer : layers) {
            params.add(new Parameter(layer.weightsLive(), layer.weightGradient(), true));
            params.add(new Parameter(layer.biasLive(), layer.biasGradient(), false));
        }
        return params;
    }

    /** A deep copy of every parameter array, in {@link #parameters()} order. */
    float[][] snapshot() {
        List<Parameter> params = parameters();
        float[][] copy = new float[params.size()][];
        for (int p = 0; p < copy.length; p++) {
            copy[p] = params.get(p).values().clone();
        }
        return copy;
    }

    /** Overwrites every parameter from a {@link #snapshot()}. */
    void restore(float[][] snapshot) {
        List<Parameter> params = parameters();
        for (int p = 0; p < snapshot.length; p++) {
            System.arraycopy(snapshot[p], 0, params.get(p).values(), 0, snapshot[p].length);
        }
    }

    void checkInput(float[][] x) {
        for (int r = 0; r < x.length; r++) {
            if (x[r] == null || x[r].length != config.inputSize()) {
                throw new LatentwatchException("row " + r + " has " + (x[r] == null ? "no" : x[r].length)
                        + " features, expected inputSize " + config.inputSize());
            }
        }
    }
}
