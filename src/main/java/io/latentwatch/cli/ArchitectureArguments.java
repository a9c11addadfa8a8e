package io.latentwatch.cli;

import io.latentwatch.LatentwatchException;
import io.latentwatch.nn.Activation;
import io.latentwatch.nn.ArchitectureKind;
import io.latentwatch.nn.ConvShape;
import io.latentwatch.nn.Corruption;
import io.latentwatch.nn.EncoderKind;
import io.latentwatch.nn.LrSchedule;
import io.latentwatch.nn.Sparsity;
import io.latentwatch.train.ArchitectureOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The {@code train} options that choose the autoencoder and its architecture-specific settings, and
 * their translation into {@link ArchitectureOptions}; an option given for an architecture it does not
 * apply to is an error that says which architectures take it. Also what every architecture can have:
 * seasonal differences as extra inputs and ensemble members.
 */
final class ArchitectureArguments {
    static final List<String> ACTIVATIONS = List.of("relu", "leaky_relu", "tanh", "sigmoid", "identity");

    /** {@code --seasonal-lag} as {@link io.latentwatch.train.TrainOptions#seasonalLag()} takes it. */
    int seasonalLag() {
        return io.latentwatch.train.TrainOptions.parseSeasonalLag(seasonalLag);
    }

    @Option(names = "--seasonal-lag", defaultValue = "0", paramLabel = "auto|off|N",
            description = "Seasonal differences as extra model inputs: each reading minus the one N readings earlier; "
                    + "auto = the season found on the training rows (the strongest autocorrelation peak, if >= 0.5), "
                    + "0 or off = none (default: ${DEFAULT-VALUE}).")
    String seasonalLag;

    @Option(names = "--members", defaultValue = "1", paramLabel = "K",
            description = "Ensemble: train K autoencoders (seeds seed, seed+1, ...) and export them as one model whose "
                    + "reconstruction is their mean; K times the training time and scoring cost (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--arch", defaultValue = "dense", paramLabel = "dense|conv|denoising|sparse|vae",
            completionCandidates = TrainCommand.Architectures.class,
            description = "Architecture: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--encoder", paramLabel = "dense|conv",
            description = "Encoder/decoder for denoising, sparse and vae (default: conv for --arch conv, else dense).")
    String encoder;

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "relu|leaky_relu|tanh|sigmoid|identity",
            description = "Hidden-layer activation; identity makes a linear autoencoder, which learns the principal "
                    + "subspace of the training windows (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--leaky-slope", defaultValue = "0.01",
            description = "Negative slope of leaky_relu, in (0, 1) (default: ${DEFAULT-VALUE}).")
    float leakySlope;

    @Option(names = "--filters", defaultValue = "16,32", split = ",",
            description = "Conv encoder: filters per strided Conv1d layer (default: ${DEFAULT-VALUE}).")
    int[] filters;

    @Option(names = "--kernel", defaultValue = "5", description = "Conv encoder: kernel length (default: ${DEFAULT-VALUE}).")
    int kernel;

    @Option(names = "--stride", defaultValue = "2", description = "Conv encoder: stride (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--noise-std", defaultValue = "0.1",
            description = "Denoising: std of the Gaussian input noise, in [0, 10] (default: ${DEFAULT-VALUE}).")
    double noiseStd;

    @Option(names = "--mask-prob", defaultValue = "0",
            description = "Denoising: probability of masking an input element, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double maskProb;

    @Option(names = "--sparsity", defaultValue = "l1", paramLabel = "l1|kl",
            description = "Sparse: L1 on the code, or KL to --sparsity-target with a sigmoid code (default: ${DEFAULT-VALUE}).")
    String sparsity;

    @Option(names = "--sparsity-weight", defaultValue = "0.01",
            description = "Sparse: penalty weight, in [0, 100] (default: ${DEFAULT-VALUE}).")
    double sparsityWeight;

    @Option(names = "--sparsity-target", defaultValue = "0.05",
            description = "Sparse kl: target mean activation rho, in (0, 1) (default: ${DEFAULT-VALUE}).")
    double sparsityTarget;

    @Option(names = "--beta", defaultValue = "1.0", description = "VAE: KL weight, in (0, 100] (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--beta-anneal-epochs", defaultValue = "0",
            description = "VAE: raise the KL weight linearly over this many epochs, 0 = off (default: ${DEFAULT-VALUE}).")
    int betaAnnealEpochs;

    @Option(names = "--lr-schedule", defaultValue = "none", paramLabel = "none|cosine|step",
            description = "Learning-rate schedule (default: ${DEFAULT-VALUE}).")
    String lrSchedule;

    @Option(names = "--lr-step-epochs", defaultValue = "10",
            description = "Step schedule: epochs per decay step (default: ${DEFAULT-VALUE}).")
    int lrStepEpochs;

    @Option(names = "--lr-gamma", defaultValue = "0.5",
            description = "Step schedule: factor per step, in (0, 1] (default: ${DEFAULT-VALUE}).")
    double lrGamma;

    @Option(names = "--lr-min-factor", defaultValue = "0.01",
            description = "Cosine/step schedule: smallest learning-rate factor, in [0, 1] (default: ${DEFAULT-VALUE}).")
    double lrMinFactor;

    /** The options as given, checked for combinations that do not apply. */
    ArchitectureOptions toOptions(ParseResult given) {
        ArchitectureKind kind = ArchitectureKind.parse(arch);
        EncoderKind encoderKind = encoder == null
                ? kind == ArchitectureKind.CONV ? EncoderKind.CONV : EncoderKind.DENSE
                : EncoderKind.parse(encoder);
        if (encoder != null && (kind == ArchitectureKind.DENSE || kind == ArchitectureKind.CONV)
                && encoderKind != (kind == ArchitectureKind.CONV ? EncoderKind.CONV : EncoderKind.DENSE)) {
            throw new LatentwatchException("--encoder " + encoder + " does not fit --arch " + arch
                    + "; --encoder dense|conv applies to --arch denoising, sparse or vae");
        }
        if (!ACTIVATIONS.contains(activation)) {
            throw new LatentwatchException("--activation '" + activation + "' is not known; expected one of "
                    + ACTIVATIONS);
        }
        Activation act = Activation.valueOf(activation.toUpperCase(Locale.ROOT));
        if (given.hasMatchedOption("--leaky-slope") && act != Activation.LEAKY_RELU) {
            throw new LatentwatchException("--leaky-slope needs --activation leaky_relu, got --activation " + activation);
        }
        only(given, encoderKind == EncoderKind.CONV, "a conv encoder (--arch conv, or --encoder conv)",
                "--filters", "--kernel", "--stride");
        only(given, kind == ArchitectureKind.DENOISING, "--arch denoising", "--noise-std", "--mask-prob");
        only(given, kind == ArchitectureKind.SPARSE, "--arch sparse", "--sparsity", "--sparsity-weight",
                "--sparsity-target");
        only(given, kind == ArchitectureKind.VAE, "--arch vae", "--beta", "--beta-anneal-epochs");
        LrSchedule.Kind scheduleKind = LrSchedule.Kind.parse(lrSchedule);
        only(given, scheduleKind == LrSchedule.Kind.STEP, "--lr-schedule step", "--lr-step-epochs", "--lr-gamma");
        only(given, scheduleKind != LrSchedule.Kind.NONE, "--lr-schedule cosine or step", "--lr-min-factor");
        LrSchedule schedule = new LrSchedule(scheduleKind, lrStepEpochs, lrGamma, lrMinFactor);
        Corruption corruption = kind == ArchitectureKind.DENOISING ? new Corruption(noiseStd, maskProb) : Corruption.NONE;
        Sparsity penalty = kind == ArchitectureKind.SPARSE
                ? new Sparsity(Sparsity.Kind.parse(sparsity), sparsityWeight, sparsityTarget) : null;
        return new ArchitectureOptions(kind, encoderKind, act, leakySlope, new ConvShape(filters, kernel, stride),
                corruption, penalty, beta, betaAnnealEpochs, schedule);
    }

    private static void only(ParseResult given, boolean applies, String where, String... options) {
        if (applies) {
            return;
        }
        for (String option : options) {
            if (given.hasMatchedOption(option)) {
                throw new LatentwatchException(option + " applies only to " + where + "; it was given with "
                        + Arrays.toString(given.originalArgs().stream().filter(a -> a.startsWith("--arch")
                                || a.startsWith("--encoder") || a.startsWith("--lr-schedule")).toArray())
                        + " (see latentwatch train --help)");
            }
        }
    }
}
