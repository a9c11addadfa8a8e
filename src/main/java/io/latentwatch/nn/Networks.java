package io.latentwatch.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds the layer stacks of an {@link Autoencoder} from its {@link AutoencoderSpec}, drawing initial
 * weights from one {@link Random} in a fixed order: encoder body, VAE heads, decoder.
 */
final class Networks {
    private Networks() {
    }

    /** The layers of a model before {@link Autoencoder}'s constructor wires them together. */
    record Parts(List<Layer> body, Dense mean, Dense logVar, List<Layer> decoder) {
    }

    static Parts build(AutoencoderSpec spec, Random rng) {
        boolean vae = spec.kind() == ArchitectureKind.VAE;
        List<Layer> body = new ArrayList<>();
        int width = spec.encoder() == EncoderKind.CONV ? convBody(spec, body, rng) : denseBody(spec, body, rng);
        Dense mean = null;
        Dense logVar = null;
        if (vae) {
            mean = new Dense(width, spec.latent(), Activation.IDENTITY, rng);
            logVar = new Dense(width, spec.latent(), Activation.IDENTITY, rng);
        } else {
            body.add(new Dense(width, spec.latent(), Activation.IDENTITY, rng));
            if (spec.latentActivation() != Activation.IDENTITY) {
                body.add(new ActivationLayer(spec.latent(), spec.latentActivation(), spec.leakySlope()));
            }
        }
        List<Layer> decoder = new ArrayList<>();
        if (spec.encoder() == EncoderKind.CONV) {
            convDecoder(spec, decoder, rng);
        } else {
            denseDecoder(spec, decoder, rng);
        }
        return new Parts(List.copyOf(body), mean, logVar, List.copyOf(decoder));
    }

    /**
     * A linear dense layer initialised for the activation that follows it, so that the dense
     * architecture draws exactly the initial weights of {@link DenseAutoencoder} for the same seed.
     */
    private static Dense linear(int in, int out, Activation next, Random rng) {
        return new Dense(in, out, Activation.IDENTITY, Dense.initialWeights(in, out, next, rng), new float[out]);
    }

    /** Dense hidden layers; returns the width the latent layer reads. */
    private static int denseBody(AutoencoderSpec spec, List<Layer> body, Random rng) {
        int width = spec.inputSize();
        for (int h : spec.hidden()) {
            body.add(linear(width, h, spec.activation(), rng));
            body.add(new ActivationLayer(h, spec.activation(), spec.leakySlope()));
            width = h;
        }
        return width;
    }

    private static void denseDecoder(AutoencoderSpec spec, List<Layer> decoder, Random rng) {
        int[] hidden = spec.hidden();
        int width = spec.latent();
        for (int i = hidden.length - 1; i >= 0; i--) {
            decoder.add(linear(width, hidden[i], spec.activation(), rng));
            decoder.add(new ActivationLayer(hidden[i], spec.activation(), spec.leakySlope()));
            width = hidden[i];
        }
        decoder.add(new Dense(width, spec.inputSize(), Activation.IDENTITY, rng));
    }

    /** Time-major to channels-first, then strided convolutions; returns the flattened width. */
    private static int convBody(AutoencoderSpec spec, List<Layer> body, Random rng) {
        ConvShape shape = spec.conv();
        body.add(new Permute(spec.window(), spec.channels(), true));
        int channels = spec.channels();
        int length = spec.window();
        for (int f : shape.filters()) {
            Conv1d conv = new Conv1d(channels, f, length, shape.kernel(), shape.stride(), shape.padding(),
                    spec.activation(), rng);
            body.add(conv);
            body.add(new ActivationLayer(conv.outputSize(), spec.activation(), spec.leakySlope()));
            channels = f;
            length = conv.outLength();
        }
        return channels * length;
    }

    /** Latent to the last conv shape, transposed convolutions back to the window, then time-major. */
    private static void convDecoder(AutoencoderSpec spec, List<Layer> decoder, Random rng) {
        ConvShape shape = spec.conv();
        int[] filters = shape.filters();
        int[] lengths = new int[filters.length + 1];
        lengths[0] = spec.window();
        for (int i = 0; i < filters.length; i++) {
            lengths[i + 1] = (lengths[i] + 2 * shape.padding() - shape.kernel()) / shape.stride() + 1;
        }
        int top = filters[filters.length - 1] * lengths[filters.length];
        decoder.add(linear(spec.latent(), top, spec.activation(), rng));
        decoder.add(new ActivationLayer(top, spec.activation(), spec.leakySlope()));
        for (int i = filters.length - 1; i >= 0; i--) {
            int outChannels = i == 0 ? spec.channels() : filters[i - 1];
            int in = lengths[i + 1];
            int outputPadding = lengths[i] + 2 * shape.padding() - shape.kernel() - (in - 1) * shape.stride();
            Activation next = i == 0 ? Activation.IDENTITY : spec.activation();
            ConvTranspose1d up = new ConvTranspose1d(filters[i], outChannels, in, shape.kernel(), shape.stride(),
                    shape.padding(), outputPadding, next, rng);
            decoder.add(up);
            if (i > 0) {
                decoder.add(new ActivationLayer(up.outputSize(), spec.activation(), spec.leakySlope()));
            }
        }
        decoder.add(new Permute(spec.window(), spec.channels(), false));
    }
}
