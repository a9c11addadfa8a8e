package io.latentwatch.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.latentwatch.LatentwatchException;
import io.latentwatch.features.FeatureSpec;
import io.latentwatch.features.SeasonalDifference;
import io.latentwatch.features.TimeWindowSpec;
import io.latentwatch.threshold.Calibration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything needed to score with a model and to reproduce it: {@code models/<name>/model.json}.
 * The detector reads its features, normalisation and threshold from here, and refuses the model
 * when the ONNX file's SHA-256 differs from {@link Onnx#sha256()}.
 */
@JsonPropertyOrder({"formatVersion", "name", "version", "trainerVersion", "data", "features", "architecture",
    "training", "threshold", "validationScores", "onnx", "calibration"})
public record ModelCard(
        int formatVersion,
        String name,
        String version,
        String trainerVersion,
        DataSource data,
        Features features,
        Architecture architecture,
        Training training,
        Threshold threshold,
        Quantiles validationScores,
        Onnx onnx,
        double[] calibration) {

    public static final int FORMAT_VERSION = 1;
    /** Most validation scores kept in {@link #calibration()}. */
    public static final int MAX_CALIBRATION = 1000;

    public ModelCard {
        if (formatVersion != FORMAT_VERSION) {
            throw new LatentwatchException("model card format version " + formatVersion + " is not supported, expected "
                    + FORMAT_VERSION);
        }
        require(name, "name");
        require(version, "version");
        if (name.isBlank() || version.isBlank()) {
            // Every score and alert names the model and its version.
            throw new LatentwatchException("model card name and version must not be blank, got name '" + name
                    + "' and version '" + version + "'");
        }
        require(features, "features");
        require(architecture, "architecture");
        require(threshold, "threshold");
        require(onnx, "onnx");
        if (onnx.sha256() == null || onnx.outputs() == null || onnx.outputs().stream().anyMatch(Objects::isNull)) {
            throw new LatentwatchException("model card onnx needs sha256 and outputs, got sha256 " + onnx.sha256()
                    + " and outputs " + onnx.outputs());
        }
        requireFileName(onnx.file(), "onnx.file");
        requireFileName(onnx.decoderFile(), "onnx.decoderFile");
        if (features.channels() == null || features.mean() == null || features.std() == null) {
            throw new LatentwatchException("model card features need channels, mean and std");
        }
        // Validates window, hop and normalisation now, so a bad card fails at load with its path.
        new FeatureSpec(features.channels(), features.window(), features.hop(), features.mean(), features.std(),
                features.seasonal());
        if (features.timeWindow() != null) {
            List<String> source = features.sourceChannels();
            if (source == null || !features.timeWindow().spec().featureNames(source).equals(features.channels())) {
                throw new LatentwatchException("model card time windows need sourceChannels whose aggregates are "
                        + "the channels " + features.channels() + ", got " + source);
            }
        }
        if (calibration != null) {
            for (double s : calibration) {
                if (!Double.isFinite(s) || s < 0) {
                    throw new LatentwatchException("model card calibration holds " + s
                            + ", expected finite scores >= 0");
                }
            }
            calibration = calibration.clone();
        }
        // Every new entity's threshold starts from this calibration: refuse a card it cannot be built from
        // now, with the card's path, rather than at the entity's first window inside the stream thread.
        startingCalibration(calibration, validationScores);
        if (!(threshold.value() > 0) || !Double.isFinite(threshold.value())) {
            throw new LatentwatchException("model card threshold.value must be a positive finite number, got "
                    + threshold.value());
        }
    }

    /**
     * The calibration every new entity's adaptive threshold starts from: the {@link #calibration()} sample,
     * or for older cards without one, the {@link #validationScores()} quantiles.
     */
    @JsonIgnore
    public Calibration startingCalibration() {
        return startingCalibration(calibration, validationScores);
    }

    private static Calibration startingCalibration(double[] sample, Quantiles quantiles) {
        try {
            if (sample != null && sample.length > 0) {
                return Calibration.fromArray(sample);
            }
            if (quantiles == null) {
                throw new LatentwatchException("model card has neither a calibration sample nor validationScores,"
                        + " expected one of them to start new entities' thresholds from");
            }
            return Calibration.fromQuantiles(quantiles.p50(), quantiles.p90(), quantiles.p99(), quantiles.p999(),
                    quantiles.max());
        } catch (LatentwatchException e) {
            throw e.getMessage().startsWith("model card") ? e
                    : new LatentwatchException("model card " + e.getMessage(), e);
        }
    }

    /** Model files lie beside the card: a name with a path in it would read from elsewhere. */
    private static void requireFileName(String name, String field) {
        if (name != null && (name.isBlank() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0)) {
            throw new LatentwatchException("model card " + field + " is '" + name.replace("\0", "\\0")
                    + "', expected the name of a file beside the card");
        }
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new LatentwatchException("model card is missing the field '" + field + "'");
        }
    }

    /** The feature definition the detector and trainer share. */
    @JsonIgnore
    public FeatureSpec featureSpec() {
        return new FeatureSpec(features.channels(), features.window(), features.hop(), features.mean(),
                features.std(), features.seasonal());
    }

    /**
     * A sorted sample of at most {@value #MAX_CALIBRATION} validation-window scores, from which every new
     * entity's adaptive threshold starts; null on cards written before it existed.
     */
    @Override
    public double[] calibration() {
        return calibration == null ? null : calibration.clone();
    }

    /** An evenly spread sorted sample of at most {@value #MAX_CALIBRATION} of {@code scores}. */
    public static double[] calibrationSample(double[] scores) {
        double[] sorted = scores.clone();
        java.util.Arrays.sort(sorted);
        if (sorted.length <= MAX_CALIBRATION) {
            return sorted;
        }
        double[] sample = new double[MAX_CALIBRATION];
        for (int i = 0; i < MAX_CALIBRATION; i++) {
            sample[i] = sorted[(int) Math.round(i * (sorted.length - 1) / (double) (MAX_CALIBRATION - 1))];
        }
        return sample;
    }

    /** Where the training data came from. */
    public record DataSource(String path, String format, int fromRow, int toRow) {
    }

    /**
     * Channels in model order, window shape, and per-channel normalisation; {@code seasonal} (absent
     * when the model has none) the seasonal differences' lag and normalisation.
     */
    @JsonPropertyOrder({"channels", "window", "hop", "mean", "std", "gapPolicy", "timeWindow", "sourceChannels",
        "seasonal"})
    public record Features(List<String> channels, int window, int hop, double[] mean, double[] std, String gapPolicy,
                           @JsonInclude(JsonInclude.Include.NON_NULL) TimeWindow timeWindow,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<String> sourceChannels,
                           @JsonInclude(JsonInclude.Include.NON_NULL) SeasonalDifference seasonal) {
        public Features(List<String> channels, int window, int hop, double[] mean, double[] std, String gapPolicy) {
            this(channels, window, hop, mean, std, gapPolicy, null, null, null);
        }

        public Features(List<String> channels, int window, int hop, double[] mean, double[] std, String gapPolicy,
                        TimeWindow timeWindow, List<String> sourceChannels) {
            this(channels, window, hop, mean, std, gapPolicy, timeWindow, sourceChannels, null);
        }

        public static Features of(FeatureSpec spec) {
            return new Features(spec.channels(), spec.window(), spec.hop(), spec.mean(), spec.std(),
                    "carry-forward, else training mean", null, null, spec.seasonal());
        }
    }

    /**
     * Event-time windows: when present, readings of {@link Features#sourceChannels()} are summarised
     * over buckets first, and {@link Features#channels()} are the aggregates ({@code channel.aggregate}).
     */
    public record TimeWindow(long sizeMs, long advanceMs, List<String> aggregates) {
        public TimeWindowSpec spec() {
            if (aggregates == null) {
                throw new LatentwatchException("model card timeWindow needs aggregates");
            }
            return new TimeWindowSpec(sizeMs, advanceMs,
                    aggregates.stream().map(TimeWindowSpec.Aggregate::parse).toList());
        }

        public static TimeWindow of(TimeWindowSpec spec) {
            return new TimeWindow(spec.sizeMs(), spec.advanceMs(),
                    spec.aggregates().stream().map(TimeWindowSpec.Aggregate::word).toList());
        }
    }

    /** This card for a model trained on {@code spec}'s buckets of readings of {@code source} channels. */
    public ModelCard withTimeWindow(TimeWindowSpec spec, List<String> source) {
        if (!spec.featureNames(source).equals(features.channels())) {
            throw new LatentwatchException("the model's channels " + features.channels()
                    + " are not the aggregates of " + source);
        }
        Features f = new Features(features.channels(), features.window(), features.hop(), features.mean(),
                features.std(), features.gapPolicy(), TimeWindow.of(spec), List.copyOf(source), features.seasonal());
        return new ModelCard(formatVersion, name, version, trainerVersion, data, f, architecture, training, threshold,
                validationScores, onnx, calibration);
    }

    /** The channels a reading must carry: the source channels of time windows, else the model's channels. */
    @JsonIgnore
    public List<String> inputChannels() {
        return features.sourceChannels() != null ? features.sourceChannels() : features.channels();
    }

    /** The event-time windows the model was trained on, or null for windows of raw readings. */
    @JsonIgnore
    public TimeWindowSpec timeWindowSpec() {
        return features.timeWindow() == null ? null : features.timeWindow().spec();
    }

    /**
     * The network's shape. {@code type} is the architecture ({@code dense}, {@code conv},
     * {@code denoising}, {@code sparse}, {@code vae}); {@code options} holds what only some architectures
     * have (encoder, filters, kernel, stride, noise, sparsity, beta, schedule...), sorted by key, and is
     * empty for a plain dense model, so older cards read unchanged.
     */
    @JsonPropertyOrder({"type", "inputSize", "hidden", "latent", "activation", "options"})
    public record Architecture(String type, int inputSize, int[] hidden, int latent, String activation,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> options) {
        public Architecture {
            options = options == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(options));
        }

        /** A card entry without architecture-specific options, as dense models have. */
        public Architecture(String type, int inputSize, int[] hidden, int latent, String activation) {
            this(type, inputSize, hidden, latent, activation, Map.of());
        }
    }

    /** Hyper-parameters, seed and the loss curve. */
    @JsonPropertyOrder({"seed", "epochs", "batchSize", "learningRate", "weightDecay", "patience", "trainWindows",
        "validationWindows", "bestEpoch", "trainLoss", "validationLoss"})
    public record Training(long seed, int epochs, int batchSize, double learningRate, double weightDecay, int patience,
                           int trainWindows, int validationWindows, int bestEpoch, double[] trainLoss,
                           double[] validationLoss) {
    }

    /** The initial alert threshold, calibrated on the validation windows' scores. */
    public record Threshold(String method, double quantile, double margin, double value) {
    }

    /** Quantiles of the validation windows' scores. */
    public record Quantiles(double p50, double p90, double p99, double p999, double max) {
        public static Quantiles of(double[] scores) {
            double[] s = scores.clone();
            java.util.Arrays.sort(s);
            return new Quantiles(at(s, 0.5), at(s, 0.9), at(s, 0.99), at(s, 0.999), s.length == 0 ? 0 : s[s.length - 1]);
        }

        /** The {@code q} quantile of sorted values, by linear interpolation between closest ranks. */
        public static double at(double[] sorted, double q) {
            if (sorted.length == 0) {
                return 0;
            }
            double pos = q * (sorted.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(lo + 1, sorted.length - 1);
            return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
        }
    }

    /**
     * The ONNX file beside the card, its hash and graph contract; for a VAE also the decoder-only model
     * (latent in, reconstruction out) and its hash, absent otherwise.
     */
    @JsonPropertyOrder({"file", "sha256", "opset", "input", "outputs", "decoderFile", "decoderSha256"})
    public record Onnx(String file, String sha256, int opset, String input, List<String> outputs,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String decoderFile,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String decoderSha256) {
        /** An entry without a decoder model. */
        public Onnx(String file, String sha256, int opset, String input, List<String> outputs) {
            this(file, sha256, opset, input, outputs, null, null);
        }
    }
}
