package io.latentwatch.train;

import io.latentwatch.LatentwatchException;
import io.latentwatch.nn.Activation;
import io.latentwatch.nn.ArchitectureKind;
import io.latentwatch.nn.AutoencoderSpec;
import io.latentwatch.nn.ConvShape;
import io.latentwatch.nn.Corruption;
import io.latentwatch.nn.EncoderKind;
import io.latentwatch.nn.LrSchedule;
import io.latentwatch.nn.Sparsity;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which autoencoder to train and its architecture-specific settings, independent of the data's
 * window and channels; {@link #spec} combines the two into an {@link AutoencoderSpec}.
 *
 * @param kind the architecture
 * @param encoder dense or conv encoder
 * @param activation hidden-layer nonlinearity
 * @param leakySlope negative slope for {@link Activation#LEAKY_RELU}
 * @param conv convolution shape for conv encoders
 * @param corruption input corruption (denoising only)
 * @param sparsity latent penalty (sparse only), else null
 * @param beta KL weight (vae only)
 * @param betaAnnealEpochs epochs of linear KL warm-up (vae only), 0 for none
 * @param schedule learning-rate schedule
 */
public record ArchitectureOptions(ArchitectureKind kind, EncoderKind encoder, Activation activation, float leakySlope,
                                  ConvShape conv, Corruption corruption, Sparsity sparsity, double beta,
                                  int betaAnnealEpochs, LrSchedule schedule) {

    /** The plain dense autoencoder with ReLU and a constant learning rate. */
    public static final ArchitectureOptions DENSE = new ArchitectureOptions(ArchitectureKind.DENSE, EncoderKind.DENSE,
            Activation.RELU, Activation.DEFAULT_LEAKY_SLOPE, ConvShape.DEFAULT, Corruption.NONE, null, 1, 0,
            LrSchedule.NONE);

    public ArchitectureOptions {
        if (schedule == null) {
            throw new LatentwatchException("a learning-rate schedule is required (LrSchedule.NONE for none)");
        }
        // Checks the combination once, with placeholder sizes; the real ones come with the data.
        new AutoencoderSpec(kind, encoder, 1, 1, new int[0], 1, activation, leakySlope, conv, corruption, sparsity,
                beta, betaAnnealEpochs);
    }

    /** The full spec for windows of {@code window} steps of {@code channels} channels. */
    public AutoencoderSpec spec(int window, int channels, int[] hidden, int latent) {
        return new AutoencoderSpec(kind, encoder, window, channels, kind == ArchitectureKind.CONV
                || encoder == EncoderKind.CONV ? new int[0] : hidden, latent, activation, leakySlope, conv, corruption,
                sparsity, beta, betaAnnealEpochs);
    }

    /** The hidden activation's name as the model card writes it, e.g. {@code relu}, {@code leaky_relu}. */
    public String activationWord() {
        return activation.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The settings that only some architectures have, for the model card: empty for a plain dense
     * model with a constant learning rate, so its card reads as before.
     */
    public Map<String, Object> cardOptions() {
        Map<String, Object> o = new TreeMap<>();
        if (kind != ArchitectureKind.DENSE) {
            o.put("encoder", encoder.word());
        }
        if (encoder == EncoderKind.CONV) {
            o.put("filters", conv.filters());
            o.put("kernel", conv.kernel());
            o.put("stride", conv.stride());
            o.put("padding", conv.padding());
        }
        if (activation == Activation.LEAKY_RELU) {
            o.put("leakySlope", (double) leakySlope);
        }
        if (kind == ArchitectureKind.DENOISING) {
            o.put("noiseStd", corruption.noiseStd());
            o.put("maskProb", corruption.maskProb());
        }
        if (sparsity != null) {
            o.put("sparsity", sparsity.kind().word());
            o.put("sparsityWeight", sparsity.weight());
            o.put("sparsityTarget", sparsity.target());
        }
        if (kind == ArchitectureKind.VAE) {
            o.put("beta", beta);
            o.put("betaAnnealEpochs", betaAnnealEpochs);
            o.put("latentOutput", "mean");
        }
        if (schedule.kind() != LrSchedule.Kind.NONE) {
            o.put("lrSchedule", schedule.kind().word());
            o.put("lrStepEpochs", schedule.stepEpochs());
            o.put("lrGamma", schedule.gamma());
            o.put("lrMinFactor", schedule.minFactor());
        }
        return o;
    }
}
