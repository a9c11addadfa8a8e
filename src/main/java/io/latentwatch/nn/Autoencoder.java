package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * An autoencoder of any {@link ArchitectureKind}, built from {@link Layer}s: an encoder body, for a
 * VAE two dense heads (mean and log-variance), and a decoder.
 *
 * <p>Inference ({@link #reconstruct}, {@link #encode}, {@link #score}) always takes the deterministic
 * path: clean input, and for a VAE the code {@code z = mean}. Training ({@link #trainStep}) adds the
 * architecture's objective: input corruption, a sparsity penalty, or the reparameterised sample and the
 * KL term. Mutable (the trainer updates its weights) and not thread-safe; the detector scores with the
 * exported ONNX graph.
 */
public final class Autoencoder {
    private static final int CHUNK = 256;

    private final AutoencoderSpec spec;
    private final List<Layer> body;
    private final Dense mean;
    private final Dense logVar;
    private final List<Layer> decoder;
    private float[][] corrupted;
    private float[][] lossGradient;
    private float[][] sample;
    private float[][] noise;
    private float[][] gradMean;
    private float[][] gradLogVar;
    private float[][] gradBody;
    private float[][] lastMean;
    private float[][] lastLogVar;

    private Autoencoder(AutoencoderSpec spec, Networks.Parts parts) {
        this.spec = spec;
        this.body = parts.body();
        this.mean = parts.mean();
        this.logVar = parts.logVar();
        this.decoder = parts.decoder();
    }

    /** A model for {@code spec} with initial weights drawn from {@code new Random(seed)}. */
    public static Autoencoder create(AutoencoderSpec spec, long seed) {
        if (spec == null) {
            throw new LatentwatchException("an autoencoder needs a spec, got null");
        }
        return new Autoencoder(spec, Networks.build(spec, new Random(seed)));
    }

    public AutoencoderSpec spec() {
        return spec;
    }

    /** Encoder layers from the input to the code (non-VAE) or to the heads' input (VAE). */
    public List<Layer> encoder() {
        return body;
    }

    /** The VAE's mean head, whose output is the latent code; null for other architectures. */
    public Dense meanHead() {
        return mean;
    }

    /** The VAE's log-variance head; null for other architectures. */
    public Dense logVarHead() {
        return logVar;
    }

    /** Decoder layers from the code to the reconstruction. */
    public List<Layer> decoder() {
        return decoder;
    }

    /**
     * The same network as a {@link DenseAutoencoder} (sharing copies of the weights) when this is a plain
     * dense ReLU model, else null; its ONNX export is the one dense models have always had, so their
     * files and versions stay reproducible.
     */
    public DenseAutoencoder asDenseAutoencoder() {
        if (spec.kind() != ArchitectureKind.DENSE || spec.activation() != Activation.RELU) {
            return null;
        }
        List<Layer> all = new ArrayList<>(body);
        all.addAll(decoder);
        List<Dense> layers = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof Dense d) {
                boolean relu = i + 1 < all.size() && all.get(i + 1) instanceof ActivationLayer;
                layers.add(new Dense(d.inputSize(), d.outputSize(), relu ? Activation.RELU : Activation.IDENTITY,
                        d.weights(), d.bias()));
            }
        }
        return new DenseAutoencoder(new DenseAutoencoderConfig(spec.inputSize(), spec.hidden(), spec.latent()), layers);
    }

    /** The reconstruction of every row of {@code x} (clean input, mean code), as a new matrix. */
    public float[][] reconstruct(float[][] x) {
        return chunked(x, spec.inputSize(), true, true);
    }

    /** The latent code (the mean for a VAE) of every row of {@code x}, as a new matrix. */
    public float[][] encode(float[][] x) {
        return chunked(x, spec.inputSize(), true, false);
    }

    /** The decoder's output for every latent row of {@code z}, as a new matrix. */
    public float[][] decode(float[][] z) {
        return chunked(z, spec.latent(), false, true);
    }

    /**
     * The mean of the members' reconstructions of every row of {@code x}: an ensemble's reconstruction,
     * summed in member order and scaled by {@code 1 / members}, as the exported graph computes it.
     */
    public static float[][] meanReconstruction(List<Autoencoder> members, float[][] x) {
        float[][] sum = null;
        for (Autoencoder m : members) {
            float[][] r = m.reconstruct(x);
            if (sum == null) {
                sum = r;
            } else {
                for (int i = 0; i < r.length; i++) {
                    for (int j = 0; j < r[i].length; j++) {
                        sum[i][j] += r[i][j];
                    }
                }
            }
        }
        float scale = 1f / members.size();
        for (float[] row : sum) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= scale;
            }
        }
        return sum;
    }

    /** Per-row anomaly score: mean squared reconstruction error, see {@link ReconstructionError#scores}. */
    public float[] score(float[][] x) {
        return ReconstructionError.scores(x, reconstruct(x));
    }

    /** Per-row, per-channel reconstruction error, see {@link ReconstructionError#channelErrors}. */
    public float[][] channelError(float[][] x) {
        return ReconstructionError.channelErrors(x, reconstruct(x), spec.channels());
    }

    private float[][] chunked(float[][] x, int width, boolean encode, boolean decode) {
        for (int r = 0; r < x.length; r++) {
            if (x[r] == null || x[r].length != width) {
                throw new LatentwatchException("row " + r + " has " + (x[r] == null ? "no" : x[r].length)
                        + " features, expected " + width);
            }
        }
        float[][] result = new float[x.length][];
        for (int start = 0; start < x.length; start += CHUNK) {
            int n = Math.min(CHUNK, x.length - start);
            float[][] h = Arrays.copyOfRange(x, start, start + n);
            if (encode) {
                h = code(h);
            }
            if (decode) {
                h = run(decoder, h);
            }
            for (int r = 0; r < n; r++) {
                result[start + r] = h[r].clone();
            }
        }
        return result;
    }

    /** The deterministic code: the body's output, or the mean head's for a VAE. */
    private float[][] code(float[][] x) {
        float[][] h = run(body, x);
        return mean == null ? h : mean.forward(h);
    }

    private static float[][] run(List<Layer> layers, float[][] x) {
        float[][] h = x;
        for (Layer layer : layers) {
            h = layer.forward(h);
        }
        return h;
    }

    private static float[][] back(List<Layer> layers, float[][] g) {
        float[][] grad = g;
        for (int l = layers.size() - 1; l >= 0; l--) {
            grad = layers.get(l).backward(grad);
        }
        return grad;
    }

    /**
     * Back through the encoder body for training, where nobody reads dLoss/dinput: layers below the
     * first one with parameters are skipped, and that one computes no input gradient.
     */
    private static void backParameters(List<Layer> layers, float[][] g) {
        int first = 0;
        while (first < layers.size() && layers.get(first).parameters().isEmpty()) {
            first++;
        }
        float[][] grad = g;
        for (int l = layers.size() - 1; l > first; l--) {
            grad = layers.get(l).backward(grad);
        }
        if (first < layers.size()) {
            layers.get(first).backwardParameters(grad);
        }
    }

    /** Reconstruction MSE of clean rows through the inference path: the validation loss. */
    double reconstructionLoss(float[][] batch) {
        return MseLoss.loss(run(decoder, code(batch)), batch);
    }

    /**
     * One forward and backward pass of the training objective on clean rows {@code batch}: fills every
     * parameter's gradient and returns the objective (reconstruction MSE plus any penalty).
     *
     * @param rng draws the corruption (denoising) or the reparameterisation noise (VAE)
     * @param klWeight weight of the VAE's KL term this epoch, see {@link AutoencoderSpec#klWeight}
     */
    double trainStep(float[][] batch, Random rng, double klWeight) {
        int n = batch.length;
        float[][] input = batch;
        if (spec.corruption().active()) {
            corrupted = Matrices.reuse(corrupted, n, spec.inputSize());
            spec.corruption().apply(batch, rng, corrupted);
            input = corrupted;
        }
        float[][] h = run(body, input);
        float[][] z = mean == null ? h : reparameterise(h, rng);
        float[][] reconstruction = run(decoder, z);
        lossGradient = Matrices.reuse(lossGradient, n, spec.inputSize());
        double loss = MseLoss.lossAndGradient(reconstruction, batch, lossGradient);
        float[][] gradZ = back(decoder, lossGradient);
        if (spec.sparsity() != null) {
            loss += spec.sparsity().addGradient(h, gradZ);
        }
        if (mean != null) {
            loss += klWeight * vaeBackward(gradZ, klWeight);
            gradZ = gradBody;
        }
        backParameters(body, gradZ);
        return loss;
    }

    /** {@code z = mean + exp(logVar / 2) * eps} with {@code eps ~ N(0, 1)} from {@code rng}. */
    private float[][] reparameterise(float[][] h, Random rng) {
        int n = h.length;
        float[][] mu = mean.forward(h);
        float[][] lv = logVar.forward(h);
        lastMean = mu;
        lastLogVar = lv;
        sample = Matrices.reuse(sample, n, spec.latent());
        noise = Matrices.reuse(noise, n, spec.latent());
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < spec.latent(); j++) {
                float eps = (float) rng.nextGaussian();
                noise[b][j] = eps;
                sample[b][j] = mu[b][j] + (float) Math.exp(0.5 * lv[b][j]) * eps;
            }
        }
        return sample;
    }

    /** Back through the sample and the heads into {@link #gradBody}; returns the unweighted KL term. */
    private double vaeBackward(float[][] gradZ, double klWeight) {
        int n = gradZ.length;
        int latent = spec.latent();
        float[][] mu = lastMean;
        float[][] lv = lastLogVar;
        gradMean = Matrices.reuse(gradMean, n, latent);
        gradLogVar = Matrices.reuse(gradLogVar, n, latent);
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < latent; j++) {
                gradMean[b][j] = gradZ[b][j];
                gradLogVar[b][j] = gradZ[b][j] * noise[b][j] * 0.5f * (float) Math.exp(0.5 * lv[b][j]);
            }
        }
        double kl = GaussianKl.addGradient(mu, lv, klWeight, spec.inputSize(), gradMean, gradLogVar);
        float[][] fromMean = mean.backward(gradMean);
        float[][] fromLogVar = logVar.backward(gradLogVar);
        gradBody = Matrices.reuse(gradBody, n, fromMean[0].length);
        for (int b = 0; b < n; b++) {
            for (int k = 0; k < gradBody[b].length; k++) {
                gradBody[b][k] = fromMean[b][k] + fromLogVar[b][k];
            }
        }
        return kl;
    }

    /** Every weight and bias with its gradient, in a fixed order: body, heads, decoder. */
    List<Parameter> parameters() {
        List<Parameter> params = new ArrayList<>();
        body.forEach(l -> params.addAll(l.parameters()));
        if (mean != null) {
            params.addAll(mean.parameters());
            params.addAll(logVar.parameters());
        }
        decoder.forEach(l -> params.addAll(l.parameters()));
        return params;
    }

    /** A deep copy of every parameter array, in {@link #parameters()} order. */
    public float[][] snapshot() {
        List<Parameter> params = parameters();
        float[][] copy = new float[params.size()][];
        for (int p = 0; p < copy.length; p++) {
            copy[p] = params.get(p).values().clone();
        }
        return copy;
    }

    /** Overwrites every parameter from a {@link #snapshot()} of a model with the same spec. */
    public void restore(float[][] snapshot) {
        List<Parameter> params = parameters();
        if (snapshot.length != params.size()) {
            throw new LatentwatchException("snapshot has " + snapshot.length + " arrays, expected " + params.size());
        }
        for (int p = 0; p < snapshot.length; p++) {
            System.arraycopy(snapshot[p], 0, params.get(p).values(), 0, snapshot[p].length);
        }
    }
}
