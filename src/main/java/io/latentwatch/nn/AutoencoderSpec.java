package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;

/**
 * Everything that fixes an {@link Autoencoder}'s shape and training objective, for every
 * {@link ArchitectureKind}.
 *
 * <p>Combinations: {@code dense} needs a dense encoder and {@code conv} a conv one; {@code denoising},
 * {@code sparse} and {@code vae} take either. Corruption is only for {@code denoising} (which needs some),
 * a sparsity penalty only for {@code sparse} (which needs one), and {@code beta} only for {@code vae}.
 *
 * @param kind the architecture
 * @param encoder dense or conv encoder (the decoder mirrors it)
 * @param window time steps per window, at least 1
 * @param channels channels per step, at least 1; the input is time-major, {@code window * channels} wide
 * @param hidden hidden widths of a dense encoder, input side first (ignored by conv encoders)
 * @param latent width of the code, in [1, 4096]
 * @param activation nonlinearity of the hidden layers
 * @param leakySlope negative slope when {@code activation} is {@link Activation#LEAKY_RELU}, in (0, 1)
 * @param conv convolution shape for conv encoders (ignored by dense ones); null means {@link ConvShape#DEFAULT}
 * @param corruption training-input corruption; {@link Corruption#NONE} unless {@code denoising}
 * @param sparsity latent penalty; null unless {@code sparse}
 * @param beta weight of the VAE's KL term, in (0, 100] for {@code vae}; ignored otherwise
 * @param betaAnnealEpochs epochs over which beta rises linearly from beta/K to beta; 0 for none
 */
public record AutoencoderSpec(ArchitectureKind kind, EncoderKind encoder, int window, int channels, int[] hidden,
        int latent, Activation activation, float leakySlope, ConvShape conv, Corruption corruption, Sparsity sparsity,
        double beta, int betaAnnealEpochs) {

    public AutoencoderSpec {
        if (kind == null || encoder == null || activation == null) {
            throw new LatentwatchException("a spec needs kind (one of " + ArchitectureKind.words() + "), encoder (one of "
                    + EncoderKind.words() + ") and activation, got " + kind + ", " + encoder + ", " + activation);
        }
        if (window < 1 || channels < 1 || (long) window * channels > Dense.MAX_UNITS) {
            throw new LatentwatchException("window and channels must be >= 1 with window*channels <= " + Dense.MAX_UNITS
                    + ", got window=" + window + " channels=" + channels);
        }
        hidden = hidden == null ? new int[0] : hidden.clone();
        for (int i = 0; i < hidden.length; i++) {
            if (hidden[i] < 1 || hidden[i] > Dense.MAX_UNITS) {
                throw new LatentwatchException("hidden[" + i + "] must be in [1, " + Dense.MAX_UNITS + "], got "
                        + hidden[i]);
            }
        }
        if (latent < 1 || latent > 4096) {
            throw new LatentwatchException("latent must be in [1, 4096], got " + latent);
        }
        if (!(leakySlope > 0f && leakySlope < 1f)) {
            throw new LatentwatchException("leaky slope must be in (0, 1), got " + leakySlope);
        }
        conv = conv == null ? ConvShape.DEFAULT : conv;
        corruption = corruption == null ? Corruption.NONE : corruption;
        checkCombination(kind, encoder, corruption, sparsity, beta, betaAnnealEpochs);
    }

    private static void checkCombination(ArchitectureKind kind, EncoderKind encoder, Corruption corruption,
            Sparsity sparsity, double beta, int betaAnnealEpochs) {
        if (kind == ArchitectureKind.DENSE && encoder != EncoderKind.DENSE) {
            throw new LatentwatchException("architecture dense needs encoder dense, got " + encoder.word()
                    + "; use architecture conv for a convolutional autoencoder");
        }
        if (kind == ArchitectureKind.CONV && encoder != EncoderKind.CONV) {
            throw new LatentwatchException("architecture conv needs encoder conv, got " + encoder.word());
        }
        if ((kind == ArchitectureKind.DENOISING) != corruption.active()) {
            throw new LatentwatchException(kind == ArchitectureKind.DENOISING
                    ? "architecture denoising needs noise std > 0 or mask probability > 0, got " + corruption
                    : "corruption (noise/mask) is only for architecture denoising, got " + corruption + " with "
                            + kind.word());
        }
        if ((kind == ArchitectureKind.SPARSE) != (sparsity != null)) {
            throw new LatentwatchException(kind == ArchitectureKind.SPARSE
                    ? "architecture sparse needs a sparsity penalty (l1 or kl), got none"
                    : "a sparsity penalty is only for architecture sparse, got " + sparsity + " with " + kind.word());
        }
        if (kind == ArchitectureKind.VAE && !(beta > 0 && beta <= 100)) {
            throw new LatentwatchException("vae beta must be in (0, 100], got " + beta);
        }
        if (betaAnnealEpochs < 0 || betaAnnealEpochs > 100_000) {
            throw new LatentwatchException("beta anneal epochs must be in [0, 100000], got " + betaAnnealEpochs);
        }
    }

    /** A spec with ReLU hidden layers, the default conv shape, and no corruption, sparsity or KL term. */
    public static AutoencoderSpec dense(int window, int channels, int[] hidden, int latent) {
        return new AutoencoderSpec(ArchitectureKind.DENSE, EncoderKind.DENSE, window, channels, hidden, latent,
                Activation.RELU, Activation.DEFAULT_LEAKY_SLOPE, null, null, null, 1, 0);
    }

    /** A copy with another kind and encoder (the other fields must suit them). */
    public AutoencoderSpec withKind(ArchitectureKind newKind, EncoderKind newEncoder) {
        return new AutoencoderSpec(newKind, newEncoder, window, channels, hidden, latent, activation, leakySlope, conv,
                corruption, sparsity, beta, betaAnnealEpochs);
    }

    /** A denoising copy with the given corruption and encoder. */
    public AutoencoderSpec denoising(EncoderKind newEncoder, Corruption newCorruption) {
        return new AutoencoderSpec(ArchitectureKind.DENOISING, newEncoder, window, channels, hidden, latent,
                activation, leakySlope, conv, newCorruption, null, beta, betaAnnealEpochs);
    }

    /** A sparse copy with the given penalty and encoder. */
    public AutoencoderSpec sparse(EncoderKind newEncoder, Sparsity penalty) {
        return new AutoencoderSpec(ArchitectureKind.SPARSE, newEncoder, window, channels, hidden, latent, activation,
                leakySlope, conv, null, penalty, beta, betaAnnealEpochs);
    }

    /** A variational copy with KL weight {@code newBeta} annealed over {@code annealEpochs}. */
    public AutoencoderSpec vae(EncoderKind newEncoder, double newBeta, int annealEpochs) {
        return new AutoencoderSpec(ArchitectureKind.VAE, newEncoder, window, channels, hidden, latent, activation,
                leakySlope, conv, null, null, newBeta, annealEpochs);
    }

    /** A copy with another conv shape. */
    public AutoencoderSpec withConv(ConvShape shape) {
        return new AutoencoderSpec(kind, encoder, window, channels, hidden, latent, activation, leakySlope, shape,
                corruption, sparsity, beta, betaAnnealEpochs);
    }

    /** A copy with another hidden activation (and leaky slope). */
    public AutoencoderSpec withActivation(Activation newActivation, float slope) {
        return new AutoencoderSpec(kind, encoder, window, channels, hidden, latent, newActivation, slope, conv,
                corruption, sparsity, beta, betaAnnealEpochs);
    }

    /** Features per window, {@code window * channels}. */
    public int inputSize() {
        return window * channels;
    }

    /** The KL weight in {@code epoch} (from 1): beta, ramped up linearly over the anneal epochs. */
    public double klWeight(int epoch) {
        if (kind != ArchitectureKind.VAE) {
            return 0;
        }
        return betaAnnealEpochs > 0 ? beta * Math.min(1.0, (double) epoch / betaAnnealEpochs) : beta;
    }

    /** The activation of the latent code: sigmoid for a KL sparsity penalty, linear otherwise. */
    public Activation latentActivation() {
        return sparsity != null && sparsity.kind() == Sparsity.Kind.KL ? Activation.SIGMOID : Activation.IDENTITY;
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AutoencoderSpec s && toString().equals(s.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "AutoencoderSpec[kind=" + kind.word() + ", encoder=" + encoder.word() + ", window=" + window
                + ", channels=" + channels + ", hidden=" + Arrays.toString(hidden) + ", latent=" + latent
                + ", activation=" + activation + ", leakySlope=" + leakySlope + ", conv=" + conv + ", corruption="
                + corruption + ", sparsity=" + sparsity + ", beta=" + beta + ", betaAnnealEpochs=" + betaAnnealEpochs
                + "]";
    }
}
