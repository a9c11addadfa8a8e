package io.latentwatch.train;

import io.latentwatch.LatentwatchException;
import io.latentwatch.cli.Main;
import io.latentwatch.data.TimeSeries;
import io.latentwatch.features.FeatureSpec;
import io.latentwatch.features.SeasonalDifference;
import io.latentwatch.features.Window;
import io.latentwatch.features.Windows;
import io.latentwatch.model.ModelCard;
import io.latentwatch.model.ModelFiles;
import io.latentwatch.nn.ArchitectureKind;
import io.latentwatch.nn.Autoencoder;
import io.latentwatch.nn.AutoencoderSpec;
import io.latentwatch.nn.AutoencoderTrainer;
import io.latentwatch.nn.DenseAutoencoder;
import io.latentwatch.nn.EpochListener;
import io.latentwatch.nn.ReconstructionError;
import io.latentwatch.nn.TrainingConfig;
import io.latentwatch.nn.TrainingResult;
import io.latentwatch.onnx.AutoencoderExport;
import io.latentwatch.onnx.OnnxExport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains an autoencoder of any architecture on a series and produces a scoring-ready model:
 * normalisation fitted on the training rows, windows cut by the detector's own window buffer, a
 * time-ordered validation split, a threshold calibrated on validation scores, and an ONNX export
 * (plus a decoder-only model for a VAE).
 */
public final class ModelTrainer {
    public static final int OPSET = 13;

    private ModelTrainer() {
    }

    /**
     * A trained model: its card, ONNX bytes and, for a VAE, the decoder model's bytes (else null),
     * ready for {@link ModelFiles#write(java.nio.file.Path, ModelCard, byte[], byte[])}.
     */
    public record Trained(ModelCard card, byte[] onnx, byte[] decoderOnnx) {
        /** A model without a decoder model. */
        public Trained(ModelCard card, byte[] onnx) {
            this(card, onnx, null);
        }
    }

    public static Trained train(TimeSeries data, ModelCard.DataSource source, TrainOptions options,
                                EpochListener listener) {
        return train(List.of(data), source, options, listener);
    }

    /**
     * Trains on several independent segments (for example one file per entity): windows never
     * span two segments, and each segment's last rows go to validation, so the split stays time-ordered.
     */
    public static Trained train(List<TimeSeries> segments, ModelCard.DataSource source, TrainOptions options,
                                EpochListener listener) {
        List<TimeSeries> all = new ArrayList<>();
        for (TimeSeries data : segments) {
            all.add(options.trainRows() > 0 ? data.head(options.trainRows()) : data);
        }
        int lag = options.seasonalLag() == TrainOptions.AUTO_SEASONAL_LAG
                ? SeasonalDifference.detect(all, options.window()) : options.seasonalLag();
        List<TimeSeries> trainParts = new ArrayList<>();
        List<TimeSeries> validationParts = new ArrayList<>();
        int minRows = options.window() + options.hop();
        for (TimeSeries series : all) {
            int split = (int) Math.round(series.rows() * (1 - options.validationFraction()));
            if (split < minRows + lag || series.rows() - split < minRows) {
                throw new LatentwatchException("need at least " + (minRows + lag) + " rows in the training part and "
                        + minRows + " in the validation part for window " + options.window()
                        + (lag > 0 ? " and seasonal lag " + lag : "") + ", got " + split + " and "
                        + (series.rows() - split) + " of " + series.rows() + " rows");
            }
            trainParts.add(series.slice(0, split));
            // A validation window's seasonal differences reach back into the training rows: inputs, not targets.
            validationParts.add(series.slice(split - lag, series.rows()));
        }
        FeatureSpec spec = FeatureSpec.fit(TimeSeries.concat(trainParts), options.window(), options.hop())
                .withSeasonalLag(trainParts, lag);
        float[][] train = cut(trainParts, spec);
        float[][] validation = cut(validationParts, spec);

        ArchitectureOptions arch = options.architecture();
        AutoencoderSpec shape = arch.spec(spec.window(), spec.featureChannels(), options.hidden(), options.latent());
        List<Autoencoder> members = new ArrayList<>();
        TrainingConfig config = null;
        TrainingResult result = null;
        for (int i = 0; i < options.members(); i++) {
            long seed = options.seed() + i;
            Autoencoder member = Autoencoder.create(shape, seed);
            TrainingConfig memberConfig = new TrainingConfig(options.epochs(), options.batchSize(),
                    options.learningRate(), 1e-5, 5.0, options.patience(), seed);
            TrainingResult memberResult = new AutoencoderTrainer().fit(member, train, validation, memberConfig,
                    arch.schedule(), listener);
            members.add(member);
            if (i == 0) {
                config = memberConfig;
                result = memberResult;
            }
        }
        Autoencoder model = members.get(0);

        double[] scores = toDouble(members.size() == 1 ? model.score(validation)
                : ReconstructionError.scores(validation, Autoencoder.meanReconstruction(members, validation)));
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double threshold = ModelCard.Quantiles.at(sorted, options.thresholdQuantile()) * options.thresholdMargin();
        if (!(threshold > 0)) {
            throw new LatentwatchException("the calibrated threshold is " + threshold + "; the validation windows are "
                    + "reconstructed perfectly, so there is no error distribution to set a threshold from");
        }

        Map<String, Object> cardOptions = new TreeMap<>(arch.cardOptions());
        if (members.size() > 1) {
            cardOptions.put("members", members.size());
        }
        ModelCard.Architecture architecture = new ModelCard.Architecture(arch.kind().word(), spec.featureSize(),
                shape.hidden(), options.latent(), arch.activationWord(), cardOptions);
        ModelCard.Training training = new ModelCard.Training(options.seed(), options.epochs(), options.batchSize(),
                options.learningRate(), config.weightDecay(), options.patience(), train.length, validation.length,
                result.bestEpoch(), toDouble(result.trainLosses()), toDouble(result.validationLosses()));
        Map<String, String> provenance = new TreeMap<>();
        provenance.put("latentwatch.name", options.name());
        provenance.put("latentwatch.trainer_version", Main.version());
        provenance.put("latentwatch.architecture", arch.kind().word());
        DenseAutoencoder plainDense = model.asDenseAutoencoder();
        if (plainDense == null) {
            provenance.put("latentwatch.encoder", arch.encoder().word());
        }
        provenance.put("latentwatch.channels", String.join(",", spec.channels()));
        provenance.put("latentwatch.window", Integer.toString(spec.window()));
        provenance.put("latentwatch.hop", Integer.toString(spec.hop()));
        if (lag > 0) {
            provenance.put("latentwatch.seasonal_lag", Integer.toString(lag));
        }
        if (members.size() > 1) {
            provenance.put("latentwatch.members", Integer.toString(members.size()));
        }
        provenance.put("latentwatch.seed", Long.toString(options.seed()));
        provenance.put("latentwatch.data", source.path() + " rows " + source.fromRow() + "-" + source.toRow());
        // Plain dense models keep their former graph, so retraining them reproduces the shipped files.
        byte[] onnx = members.size() > 1 ? AutoencoderExport.exportEnsemble(members, options.name(), provenance)
                : plainDense != null
                ? OnnxExport.export(plainDense, spec.window(), spec.featureChannels(), options.name(), provenance)
                : AutoencoderExport.export(model, options.name(), provenance);
        String sha = ModelFiles.sha256(onnx);
        byte[] decoder = null;
        String decoderSha = null;
        if (arch.kind() == ArchitectureKind.VAE) {
            provenance.put("latentwatch.role", "decoder");
            decoder = AutoencoderExport.exportDecoder(model, options.name() + "-decoder", provenance);
            decoderSha = ModelFiles.sha256(decoder);
        }

        ModelCard card = new ModelCard(ModelCard.FORMAT_VERSION, options.name(), sha.substring(0, 12),
                Main.version(), source, ModelCard.Features.of(spec), architecture, training,
                new ModelCard.Threshold("validation-quantile", options.thresholdQuantile(),
                        options.thresholdMargin(), threshold),
                ModelCard.Quantiles.of(scores),
                new ModelCard.Onnx(ModelFiles.ONNX, sha, OPSET, OnnxExport.INPUT, List.of(OnnxExport.RECONSTRUCTION,
                        OnnxExport.SCORE, OnnxExport.CHANNEL_ERROR, OnnxExport.LATENT),
                        decoder == null ? null : ModelFiles.DECODER, decoderSha),
                ModelCard.calibrationSample(scores));
        return new Trained(card, onnx, decoder);
    }

    private static float[][] cut(List<TimeSeries> parts, FeatureSpec spec) {
        List<Window> windows = new ArrayList<>();
        for (TimeSeries part : parts) {
            windows.addAll(Windows.cut(part, spec));
        }
        return Windows.matrix(windows);
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static double[] toDouble(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
